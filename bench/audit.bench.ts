import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AuditLog } from '../src/audit/audit-log.js'
import { anEntry } from '../src/audit/test-entry.js'
import { verifyLog } from '../src/audit/verify.js'
import { openStore } from '../src/store/open-store.js'
import { dropCreatedSchemas, pgTestUrl } from '../src/store/postgres/pg-test-url.js'
import type { Store } from '../src/store/store.js'
import type { BenchRow, BenchSuite } from './harness.js'

const IN_FLIGHT = 512

/**
 * Durable appends per second with group commit: IN_FLIGHT callers each await their own append (as
 * concurrent agent actions do), so every acknowledged record was committed (SQLite WAL synchronous=FULL,
 * PostgreSQL synchronous_commit=on). Latency is per append, queueing included.
 */
async function appends(
  name: string,
  store: Store,
  total: number,
  capture: 'hashes' | 'redacted' = 'hashes',
): Promise<BenchRow> {
  const log = await AuditLog.open(store, { checkpointEvery: 0, capture })
  const entry = anEntry()
  for (let i = 0; i < 2_000; i++) await log.append(entry)
  const latencies = new Float64Array(total)
  let next = 0
  const start = process.hrtime.bigint()
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < total) {
        const i = next++
        const t0 = process.hrtime.bigint()
        await log.append({ ...entry, actionId: `bench-${i}` })
        latencies[i] = Number(process.hrtime.bigint() - t0) / 1_000
      }
    }),
  )
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  latencies.sort()
  await log.close()
  return {
    name,
    opsPerSec: Math.round(total / seconds),
    p50Us: Math.round(latencies[Math.floor(total * 0.5)] ?? 0),
    p99Us: Math.round(latencies[Math.floor(total * 0.99)] ?? 0),
    note: `${IN_FLIGHT} appends in flight, group commit, capture ${capture}`,
  }
}

/** Records per second through the whole verify (after one warm-up pass): read, hash, chain walk, roots, signatures. */
async function verification(name: string, store: Store): Promise<BenchRow> {
  const log = await AuditLog.open(store, { checkpointEvery: 0 })
  await log.checkpoint()
  await verifyLog(store.audit, { publicKey: log.key.publicKey }) // warm-up, as measure() does
  const start = process.hrtime.bigint()
  const cpu = process.cpuUsage()
  const report = await verifyLog(store.audit, { publicKey: log.key.publicKey })
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  const used = process.cpuUsage(cpu)
  // On a shared machine wall time includes waiting for a core; CPU time is what verify itself costs.
  const cpuSeconds = (used.user + used.system) / 1e6
  if (!report.ok) throw new Error(`bench log does not verify: ${JSON.stringify(report.problems[0])}`)
  const perCpuSecond = Math.round(report.records / cpuSeconds).toLocaleString('en-US')
  return {
    name,
    opsPerSec: Math.round(report.records / seconds),
    note: `${report.records} records; ${perCpuSecond} per CPU-second of this process`,
  }
}

export const suite: BenchSuite = {
  title: 'Audit log: durable appends and verification',
  async run() {
    const rows: BenchRow[] = []
    const dir = mkdtempSync(join(tmpdir(), 'warden-bench-audit-'))
    try {
      const sqlite = await openStore(`sqlite:${join(dir, 'warden.db')}`)
      rows.push(await appends('append, SQLite (WAL, synchronous=FULL)', sqlite, 100_000))
      rows.push(await appends('append, SQLite, redacted (PII/secret scan)', sqlite, 20_000, 'redacted'))
      rows.push(await verification('verify, SQLite', sqlite))
      await sqlite.close()
      // As the gateway opens it: commits on the writer thread, so the fsync does not block the event loop.
      const threaded = await openStore(`sqlite:${join(dir, 'threaded.db')}`, { auditWriter: 'thread' })
      rows.push(await appends('append, SQLite, writer thread (as the gateway)', threaded, 100_000))
      await threaded.close()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
    const pg = process.env.WARDEN_TEST_PG
    if (pg === undefined) {
      rows.push({ name: 'PostgreSQL', opsPerSec: 0, note: 'skipped: WARDEN_TEST_PG is not set' })
      return rows
    }
    try {
      const store = await openStore(await pgTestUrl(pg))
      rows.push(await appends('append, PostgreSQL (synchronous_commit=on)', store, 50_000))
      rows.push(await verification('verify, PostgreSQL', store))
      await store.close()
    } finally {
      await dropCreatedSchemas()
    }
    return rows
  },
}
