import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { AuditRow, AuditStore } from '../store/audit-store.js'
import { openStore } from '../store/open-store.js'
import { AuditLog } from './audit-log.js'
import { placeRecord, prepareRecord } from './build-record.js'
import type { SignedCheckpoint } from './checkpoint.js'
import { leafHash } from './merkle.js'
import { anEntry } from './test-entry.js'
import { verifyLog } from './verify.js'
import type { ProblemKind } from './verify-problems.js'

/** Rows as an attacker left them, served through the AuditStore reads verify uses. */
function storeOf(rows: readonly AuditRow[], checkpoints: readonly SignedCheckpoint[]): AuditStore {
  const sorted = [...rows].sort((a, b) => a.seq - b.seq)
  const unused = async (): Promise<never> => Promise.reject(new Error('read-only'))
  return {
    append: unused,
    tail: unused,
    query: unused,
    addCheckpoint: unused,
    addFrontier: unused,
    latestFrontier: unused,
    prune: unused,
    scan: async (from, limit) => sorted.filter((r) => r.seq >= from).slice(0, limit),
    count: async () => sorted.length,
    checkpoints: async () => checkpoints,
    retention: async () => null,
  }
}

/** `atMost`: only a signed root sees the attack, so verify names the start of the interval it failed. */
type Attack = (
  rows: AuditRow[],
  k: number,
) => { rows: AuditRow[]; kind: ProblemKind; seq: number; atMost?: boolean }

// Edits change what a record says (who acted), not its place (`seq`, `prev`): a rewritten `prev` is
// indistinguishable from a rewritten predecessor without a checkpoint between them.
const AGENT = '"agentId":"reporter"'
const INTRUDER = '"agentId":"intruder"'

const renumber = (rows: AuditRow[]) => rows.map((r, i) => ({ ...r, seq: i }))

const ATTACKS: Record<string, Attack> = {
  editBody: (rows, k) => ({
    rows: rows.map((r) => (r.seq === k ? { ...r, body: r.body.replace(AGENT, INTRUDER) } : r)),
    kind: 'modified',
    seq: k,
  }),
  editBodyAndHash: (rows, k) => ({
    rows: rows.map((r) => {
      if (r.seq !== k) return r
      const body = r.body.replace(AGENT, INTRUDER)
      return { ...r, body, leafHash: leafHash(body).toString('hex') }
    }),
    kind: 'modified',
    seq: k,
    atMost: k === rows.length - 1,
  }),
  deleteRow: (rows, k) => ({
    rows: rows.filter((r) => r.seq !== k),
    kind: k === rows.length - 1 ? 'truncated' : 'missing',
    seq: k,
  }),
  deleteAndRenumber: (rows, k) => ({
    rows: renumber(rows.filter((r) => r.seq !== k)),
    kind: k === rows.length - 1 ? 'truncated' : 'missing',
    seq: k,
  }),
  swapWithNext: (rows, k) => {
    const j = k === rows.length - 1 ? k - 1 : k
    const out = rows.map((r) => (r.seq === j ? { ...r, seq: j + 1 } : r.seq === j + 1 ? { ...r, seq: j } : r))
    return { rows: out, kind: 'reordered', seq: j }
  },
  insertChained: (rows, k) => {
    const prev = k === 0 ? '0'.repeat(64) : (rows[k - 1] as AuditRow).leafHash
    const fake = placeRecord(
      prepareRecord(anEntry({ actionId: 'forged' }), 'hashes', undefined, () => new Date()),
      k,
      prev,
    )
    const shifted = rows.map((r) => (r.seq >= k ? { ...r, seq: r.seq + 1 } : r))
    return {
      rows: [...shifted, { seq: k, body: fake.body, leafHash: fake.leafHash }],
      kind: 'inserted',
      seq: k,
    }
  },
}

describe('verifyLog against random tampering', () => {
  it('never passes a tampered log, and names the kind and first seq of a single attack', async () => {
    const store = await openStore('memory:')
    const log = await AuditLog.open(store, { checkpointEvery: 0 })
    for (let i = 0; i < 24; i++) await log.append(anEntry({ actionId: `a${i}` }))
    const saved = await log.checkpoint()
    const original = [...(await store.audit.scan(0, 100))]
    const publicKey = log.key.publicKey
    expect((await verifyLog(storeOf(original, [saved]), { publicKey })).ok).toBe(true)
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(ATTACKS)),
        fc.integer({ min: 1, max: 23 }),
        async (name, k) => {
          const attack = (ATTACKS[name] as Attack)(original, k)
          const report = await verifyLog(storeOf(attack.rows, [saved]), { publicKey })
          expect(report.ok).toBe(false)
          const first = report.problems[0]
          expect(first?.kind).toBe(attack.kind)
          if (attack.atMost === true) expect(first?.seq).toBeLessThanOrEqual(attack.seq)
          else expect(first?.seq).toBe(attack.seq)
        },
      ),
      { numRuns: 200 },
    )
  })

  it('never passes a log hit by several attacks at once (and passes it when they cancel out)', async () => {
    const store = await openStore('memory:')
    const log = await AuditLog.open(store, { checkpointEvery: 0 })
    for (let i = 0; i < 16; i++) await log.append(anEntry({ actionId: `a${i}` }))
    const saved = await log.checkpoint()
    const original = [...(await store.audit.scan(0, 100))]
    const names = Object.keys(ATTACKS)
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom(...names), fc.nat()), { minLength: 2, maxLength: 4 }),
        async (plan) => {
          let rows = original
          for (const [name, pick] of plan) {
            const sorted = [...rows].sort((a, b) => a.seq - b.seq)
            if (sorted.length < 3) break
            rows = (ATTACKS[name] as Attack)(renumber(sorted), 1 + (pick % (sorted.length - 1))).rows
          }
          const key = (r: readonly AuditRow[]) =>
            JSON.stringify([...r].sort((a, b) => a.seq - b.seq).map((x) => [x.body, x.leafHash]))
          // Attacks can cancel out (swap twice, insert then delete): the same records in the same order must
          // still pass, whatever the seq column says (verify trusts the hashed bodies, not the column).
          const unchanged = key(rows) === key(original)
          const report = await verifyLog(storeOf(rows, [saved]), { publicKey: log.key.publicKey })
          expect(report.ok).toBe(unchanged)
        },
      ),
      { numRuns: 200 },
    )
  })
})
