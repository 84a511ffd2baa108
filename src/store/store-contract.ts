import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AuditTail, NewAuditRow } from './audit-store.js'
import { describeKillSwitchContract } from './killswitch-contract.js'
import type { Store } from './store.js'

/** A row as the audit log would build it, with distinct index values to filter on. */
export function aRow(seq: number, overrides: Partial<NewAuditRow['index']> = {}): NewAuditRow {
  return {
    seq,
    body: `{"seq":${seq},"n":"record ${seq}"}`,
    leafHash: seq.toString(16).padStart(64, '0'),
    index: {
      timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
      agentId: seq % 2 === 0 ? 'reporter' : 'payer',
      sessionId: `s${seq % 3}`,
      action: seq % 2 === 0 ? 'files.read' : 'payments.transfer',
      decision: seq % 4 === 0 ? 'deny' : 'allow',
      risk: 'low',
      phase: 'decision',
      actionId: `a${seq}`,
      ...overrides,
    },
  }
}

const appendN = (n: number) => (tail: AuditTail) => Array.from({ length: n }, (_, i) => aRow(tail.size + i))

/**
 * The contract every store passes (the Hono way: one suite, every implementation). `open` returns a
 * fresh, empty store each time; `reopen`, for stores that outlive their handle, opens another handle on
 * what the last `open()` opened (a restart, or a second gateway on the same file or database).
 */
export function describeStoreContract(
  name: string,
  open: () => Promise<Store>,
  reopen?: () => Promise<Store>,
): void {
  describe(`store contract: ${name}`, () => {
    let store: Store
    beforeEach(async () => {
      store = await open()
    })
    afterEach(async () => {
      await store.close()
    })

    it('hands out contiguous seqs from the tail read inside the append transaction', async () => {
      expect(await store.audit.tail()).toEqual({ size: 0, lastHash: null })
      await store.audit.append(appendN(3))
      const rows = await store.audit.append(appendN(2))
      expect(rows.map((r) => r.seq)).toEqual([3, 4])
      expect(await store.audit.tail()).toEqual({ size: 5, lastHash: aRow(4).leafHash })
      expect(await store.audit.count()).toBe(5)
    })

    it('keeps seqs unique when appends race', async () => {
      await Promise.all(Array.from({ length: 8 }, () => store.audit.append(appendN(5))))
      const all = await store.audit.scan(0, 1000)
      expect(all.map((r) => r.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i))
    })

    it('appends a batch larger than one SQL statement can carry, in one transaction', async () => {
      const rows = await store.audit.append(appendN(9_000))
      expect(rows).toHaveLength(9_000)
      expect(await store.audit.tail()).toEqual({ size: 9_000, lastHash: aRow(8_999).leafHash })
    })

    it('refuses to reuse a seq (a second writer cannot overwrite history)', async () => {
      await store.audit.append(appendN(2))
      await expect(store.audit.append(() => [aRow(1)])).rejects.toThrow()
      expect((await store.audit.scan(0, 10)).map((r) => r.body)).toEqual([aRow(0).body, aRow(1).body])
    })

    it('returns bodies and hashes exactly as written, in seq order, from a given seq', async () => {
      await store.audit.append(appendN(10))
      const page = await store.audit.scan(4, 3)
      expect(page).toEqual([4, 5, 6].map((s) => ({ seq: s, body: aRow(s).body, leafHash: aRow(s).leafHash })))
    })

    it('filters queries by agent, session, time, tool, decision and text', async () => {
      await store.audit.append(appendN(12))
      const seqs = async (f: Parameters<Store['audit']['query']>[0]) =>
        (await store.audit.query(f)).map((r) => r.seq)
      expect(await seqs({ agentId: 'payer', decision: 'allow' })).toEqual([1, 3, 5, 7, 9, 11])
      expect(await seqs({ sessionId: 's0', action: 'files.read' })).toEqual([0, 6])
      expect(await seqs({ since: aRow(3).index.timestamp, until: aRow(5).index.timestamp })).toEqual([
        3, 4, 5,
      ])
      expect(await seqs({ decision: 'deny', limit: 2 })).toEqual([0, 4])
      expect(await seqs({ text: 'record 1', afterSeq: 9 })).toEqual([10, 11])
      expect(await seqs({ text: "' OR 1=1 --" })).toEqual([])
    })

    it('keeps checkpoints in size order', async () => {
      const cp = (size: number) => ({
        size,
        root: 'ab'.repeat(32),
        time: '2026-01-01T00:00:00.000Z',
        signature: 'c2ln',
        keyId: 'k1',
      })
      await store.audit.addCheckpoint(cp(5))
      await store.audit.addCheckpoint(cp(2))
      expect((await store.audit.checkpoints()).map((c) => c.size)).toEqual([2, 5])
    })

    it('keeps Merkle frontiers by size: the largest comes back, a second one of a size is ignored', async () => {
      expect(await store.audit.latestFrontier()).toBeNull()
      // Sizes that are powers of two: their right edge is one hash.
      const f = (size: number, fill: string) => ({ size, hashes: [fill.repeat(64)] })
      await store.audit.addFrontier(f(8, 'a'))
      await store.audit.addFrontier(f(32, 'b'))
      await store.audit.addFrontier(f(16, 'c'))
      await store.audit.addFrontier(f(32, 'd')) // same size: the first stays
      expect(await store.audit.latestFrontier()).toEqual(f(32, 'b'))
    })

    it('removes only below a retention mark, and the tail survives an emptied log', async () => {
      await store.audit.append(appendN(6))
      const checkpoint = { size: 6, root: 'ab'.repeat(32), time: 't', signature: 's', keyId: 'k' }
      const mark = { upTo: 6, lastHash: aRow(5).leafHash, frontier: ['ab'.repeat(32)], checkpoint, time: 't' }
      expect(await store.audit.prune({ ...mark, upTo: 4 })).toBe(4)
      expect(await store.audit.prune(mark)).toBe(2)
      expect(await store.audit.retention()).toEqual(mark)
      expect(await store.audit.tail()).toEqual({ size: 6, lastHash: aRow(5).leafHash })
      const rows = await store.audit.append(appendN(1))
      expect(rows[0]?.seq).toBe(6)
    })

    describeKillSwitchContract(() => store, reopen)
  })
}
