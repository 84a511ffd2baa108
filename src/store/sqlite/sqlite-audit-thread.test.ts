import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import fc from 'fast-check'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { AuditLog } from '../../audit/audit-log.js'
import { applyRetention } from '../../audit/retention.js'
import { anEntry } from '../../audit/test-entry.js'
import { verifyLog } from '../../audit/verify.js'
import type { AuditTail } from '../audit-store.js'
import { auditRowValues } from '../audit-store.js'
import type { Store } from '../store.js'
import { aRow } from '../store-contract.js'
import { INSERT_AUDIT_ROW } from './audit-sql.js'
import type { SqliteAuditStore } from './sqlite-audit-store.js'
import { sqliteStore } from './sqlite-store.js'
import { MAX_APPEND_ATTEMPTS } from './thread-appender.js'

const dir = mkdtempSync(join(tmpdir(), 'warden-sqlite-thread-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
let n = 0
const aFile = () => join(dir, `t${n++}.db`)
const keyDir = join(dir, 'keys')
const rowsFrom = (count: number) => (tail: AuditTail) =>
  Array.from({ length: count }, (_, i) => aRow(tail.size + i))
const THREAD = { auditWriter: 'thread' } as const
const writerOf = (store: Store) => (store.audit as SqliteAuditStore).writer!

async function verifies(store: Store, log: AuditLog, records: number): Promise<void> {
  expect(await verifyLog(store.audit, { publicKey: log.key.publicKey })).toEqual({
    ok: true,
    records,
    problems: [],
  })
}

describe('SQLite audit appends on the writer thread', () => {
  it('uses the thread for a file when asked, and stays inline by default and for :memory:', async () => {
    const file = aFile()
    const threaded = sqliteStore(file, THREAD)
    const inline = sqliteStore(file)
    const memory = sqliteStore(':memory:', THREAD)
    expect((threaded.audit as SqliteAuditStore).writer).not.toBeNull()
    expect((inline.audit as SqliteAuditStore).writer).toBeNull()
    expect((memory.audit as SqliteAuditStore).writer).toBeNull()
    await Promise.all([threaded.close(), inline.close(), memory.close()])
  })

  it('lets a short-lived process exit after appending, even when it never closes the store', async () => {
    const file = aFile()
    const row = aRow(0)
    const script = `
      import { sqliteStore } from ${JSON.stringify(fileURLToPath(new URL('./sqlite-store.ts', import.meta.url)))}
      const store = sqliteStore(${JSON.stringify(file)}, { auditWriter: 'thread' })
      await store.audit.append(() => [${JSON.stringify(row)}])`
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      timeout: 20_000, // a thread keeping the process alive would be killed here, leaving status null
    })
    expect(child.stderr.toString()).toBe('')
    expect(child.status).toBe(0)
    const store = sqliteStore(file, THREAD)
    expect(await store.audit.scan(0, 10)).toEqual([{ seq: 0, body: row.body, leafHash: row.leafHash }])
    await store.close()
  })

  it('sees a stale cached tail (another handle appended), then rebuilds the rows on the real one', async () => {
    const file = aFile()
    const a = sqliteStore(file, THREAD)
    const b = sqliteStore(file, THREAD)
    await a.audit.append(rowsFrom(2))
    await b.audit.append(rowsFrom(3))
    const tails: AuditTail[] = []
    const rows = await a.audit.append((tail) => {
      tails.push(tail)
      return rowsFrom(2)(tail)
    })
    expect(tails.map((t) => t.size)).toEqual([2, 5])
    expect(tails[1]).toEqual({ size: 5, lastHash: aRow(4).leafHash })
    expect(rows.map((r) => r.seq)).toEqual([5, 6])
    expect((await b.audit.scan(0, 100)).map((r) => r.seq)).toEqual([0, 1, 2, 3, 4, 5, 6])
    await Promise.all([a.close(), b.close()])
  })

  it(`refuses with STORE_UNAVAILABLE after ${MAX_APPEND_ATTEMPTS} tries when another writer keeps moving the tail`, async () => {
    const file = aFile()
    const store = sqliteStore(file, THREAD)
    await store.audit.append(rowsFrom(1))
    const other = new Database(file)
    const insert = other.prepare(INSERT_AUDIT_ROW)
    let builds = 0
    const attempt = store.audit.append((tail) => {
      builds += 1
      insert.run(...auditRowValues(aRow(tail.size))) // another process takes the seq before we commit
      return rowsFrom(1)(tail)
    })
    await expect(attempt).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' })
    expect(builds).toBe(MAX_APPEND_ATTEMPTS)
    expect(await store.audit.count()).toBe(1 + MAX_APPEND_ATTEMPTS) // only the other writer's rows
    expect((await store.audit.append(rowsFrom(1)))[0]?.seq).toBe(1 + MAX_APPEND_ATTEMPTS)
    other.close()
    await store.close()
  })

  it('keeps seqs contiguous and the chain whole when two handles append interleaved and concurrently', async () => {
    const file = aFile()
    const [a, b] = [sqliteStore(file, THREAD), sqliteStore(file, THREAD)]
    const logA = await AuditLog.open(a, { keyDir, checkpointEvery: 0 })
    const logB = await AuditLog.open(b, { keyDir, checkpointEvery: 0 })
    const acks = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        (i % 3 === 0 ? logA : logB).append(anEntry({ actionId: `x${i}` })),
      ),
    )
    expect(acks.map((x) => x.seq).sort((p, q) => p - q)).toEqual(Array.from({ length: 200 }, (_, i) => i))
    await verifies(a, logA, 200)
    await Promise.all([logA.close(), logB.close()])
    await Promise.all([a.close(), b.close()])
  })

  it('rejects the append in flight when the thread is terminated; the next append succeeds and the chain verifies', async () => {
    const file = aFile()
    const first = sqliteStore(file, THREAD)
    const firstLog = await AuditLog.open(first, { keyDir, checkpointEvery: 0 })
    for (let i = 0; i < 3; i++) await firstLog.append(anEntry({ actionId: `before${i}` }))
    await firstLog.close()
    await first.close()
    const store = sqliteStore(file, THREAD)
    const log = await AuditLog.open(store, { keyDir, checkpointEvery: 0 })
    const writer = writerOf(store)
    const commit = writer.commit.bind(writer)
    // Stopped in the tick that handed it the rows, while it is still starting: it cannot have committed
    // them. (Not while it runs a SQLite call: better-sqlite3 aborts the process if that call then fails.)
    const spy = vi.spyOn(writer, 'commit').mockImplementationOnce((tail, rows) => {
      const reply = commit(tail, rows)
      void writer.terminate()
      return reply
    })
    const error = await log.append(anEntry({ actionId: 'lost' })).catch((e: unknown) => e)
    expect(spy).toHaveBeenCalledTimes(1)
    expect(error).toMatchObject({
      code: 'AUDIT_UNAVAILABLE',
      message: expect.stringContaining('writer thread'),
    })
    const after = await log.append(anEntry({ actionId: 'after' }))
    expect(after.seq).toBe(3)
    await verifies(store, log, 4)
    await log.close()
    await store.close()
  })

  it('loses none of the appends in flight when the store is closed, and refuses appends after', async () => {
    const file = aFile()
    const store = sqliteStore(file, THREAD)
    const appends = Array.from({ length: 20 }, () => store.audit.append(rowsFrom(1)))
    await store.close()
    expect((await Promise.all(appends)).map((rows) => rows[0]?.seq)).toEqual(
      Array.from({ length: 20 }, (_, i) => i),
    )
    await expect(store.audit.append(rowsFrom(1))).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' })
    const again = sqliteStore(file, THREAD)
    expect(await again.audit.count()).toBe(20)
    await again.close()
  })

  it('keeps appending through a retention prune made on the main connection meanwhile', async () => {
    const file = aFile()
    const store = sqliteStore(file, THREAD)
    const log = await AuditLog.open(store, { keyDir, checkpointEvery: 0 })
    const old = new Date('2025-01-01T00:00:00.000Z')
    for (let i = 0; i < 30; i++) await log.append(anEntry({ actionId: `old${i}`, timestamp: old }))
    await log.checkpoint()
    const [result] = await Promise.all([
      applyRetention(store.audit, {
        cutoff: new Date('2026-01-01'),
        legalHold: false,
        publicKey: log.key.publicKey,
      }),
      ...Array.from({ length: 40 }, (_, i) => log.append(anEntry({ actionId: `new${i}` }))),
    ])
    expect(result.removed).toBe(30)
    expect((await store.audit.tail()).size).toBe(70)
    await verifies(store, log, 40)
    await log.close()
    await store.close()
  })

  it('verifies after any interleaving of two handles appending, awaited or not', async () => {
    const step = fc.record({
      handle: fc.integer({ min: 0, max: 1 }),
      count: fc.integer({ min: 1, max: 4 }),
      settle: fc.boolean(),
    })
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        const file = aFile()
        const stores = [sqliteStore(file, THREAD), sqliteStore(file, THREAD)]
        const logs = await Promise.all(stores.map((s) => AuditLog.open(s, { keyDir, checkpointEvery: 0 })))
        const acks: Promise<{ seq: number }>[] = []
        for (const { handle, count, settle } of steps) {
          for (let i = 0; i < count; i++)
            acks.push(logs[handle]!.append(anEntry({ actionId: `a${acks.length}` })))
          if (settle) await Promise.all(acks)
        }
        const seqs = (await Promise.all(acks)).map((x) => x.seq).sort((p, q) => p - q)
        expect(seqs).toEqual(Array.from({ length: acks.length }, (_, i) => i))
        await verifies(stores[0]!, logs[0]!, acks.length)
        await Promise.all(logs.map((l) => l.close()))
        await Promise.all(stores.map((s) => s.close()))
      }),
      { numRuns: 15 },
    )
  })
})
