import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AuditLog } from '../src/audit/audit-log.js'
import { anEntry } from '../src/audit/test-entry.js'
import { verifyLog } from '../src/audit/verify.js'
import { openBus } from '../src/bus/open-bus.js'
import { MemoryIncidentSink } from '../src/killswitch/incident.js'
import { AgentKillSwitch } from '../src/killswitch/kill-switch.js'
import { anEvent } from '../src/store/killswitch-contract.js'
import { openStore } from '../src/store/open-store.js'
import type { BenchRow, BenchSuite } from './harness.js'

// Work a running gateway does that grows with what its SQLite store holds: the first audit checkpoint after
// a restart, verifying the log through the admin API, and the kill switch's reload of every saved event. Each
// row gives the time and the longest the event loop went without a turn meanwhile (a 1 ms timer's largest
// gap), which is what the gateway's other requests wait for.
const RECORDS = 100_000
const EVENTS = 20_000

/** Runs `work`, returning its wall time and the longest gap between turns of the event loop (ms). */
async function stallOf(work: () => Promise<unknown>): Promise<{ ms: number; longestGapMs: number }> {
  let last = performance.now()
  let longest = 0
  const tick = setInterval(() => {
    const now = performance.now()
    longest = Math.max(longest, now - last)
    last = now
  }, 1)
  const start = performance.now()
  try {
    await work()
  } finally {
    longest = Math.max(longest, performance.now() - last)
    clearInterval(tick)
  }
  return { ms: performance.now() - start, longestGapMs: longest }
}

// Whole ms, or tenths below 10 ms (a count is well under one).
const ms = (v: number) => v.toFixed(v < 10 ? 1 : 0)

function row(name: string, r: { ms: number; longestGapMs: number }, note: string): BenchRow {
  return {
    name,
    opsPerSec: 0,
    note: `${ms(r.ms)} ms, event loop held at most ${ms(r.longestGapMs)} ms at a time; ${note}`,
  }
}

async function auditRows(dir: string): Promise<BenchRow[]> {
  const url = `sqlite:${join(dir, 'audit.db')}`
  const keyDir = join(dir, 'keys')
  let store = await openStore(url)
  let log = await AuditLog.open(store, { keyDir, checkpointEvery: 0 })
  for (let i = 0; i < RECORDS; i += 1_000) {
    await Promise.all(Array.from({ length: 1_000 }, (_, k) => log.append(anEntry({ actionId: `a${i + k}` }))))
  }
  const rows: BenchRow[] = []
  // Never checkpointed: nothing kept to start from, every record is read and hashed.
  rows.push(
    row(
      `first checkpoint of a ${RECORDS.toLocaleString('en-US')}-record log, nothing kept`,
      await stallOf(() => log.checkpoint()),
      'reads and hashes every record',
    ),
  )
  await log.close()
  await store.close()
  store = await openStore(url)
  log = await AuditLog.open(store, { keyDir, checkpointEvery: 0 })
  await log.append(anEntry({ actionId: 'after-restart' }))
  rows.push(
    row(
      'first checkpoint after reopening it',
      await stallOf(() => log.checkpoint()),
      'starts from the frontier kept with the last checkpoint',
    ),
  )
  for (const pageSize of [10_000, 1_000]) {
    const r = await stallOf(() => verifyLog(store.audit, { publicKey: log.key.publicKey, pageSize }))
    rows.push(
      row(
        `verify, pages of ${pageSize.toLocaleString('en-US')}`,
        r,
        pageSize === 1_000 ? 'as GET /api/audit/verify reads' : 'as warden audit verify reads',
      ),
    )
  }
  await log.close()
  await store.close()
  return rows
}

async function killSwitchRows(dir: string): Promise<BenchRow[]> {
  const store = await openStore(`sqlite:${join(dir, 'ks.db')}`)
  for (let i = 0; i < EVENTS; i++) {
    await store.killSwitch.save(
      anEvent({
        id: `e${i}`,
        kind: i % 2 === 0 ? 'pause' : 'resume',
        agentId: `agent-${i % 50}`,
        at: 1_700_000_000_000 + i,
      }),
    )
  }
  const rows = [
    row(
      `load of ${EVENTS.toLocaleString('en-US')} kill-switch events`,
      await stallOf(() => store.killSwitch.load()),
      'read in pages of 1,000',
    ),
  ]
  // Opening reloads every event and applies it: what a resync repeats when the store's count of events moved.
  const bus = await openBus('memory:bench-history')
  let ks: AgentKillSwitch | undefined
  const open = await stallOf(async () => {
    ks = await AgentKillSwitch.open({
      bus,
      repository: store.killSwitch,
      incidents: new MemoryIncidentSink(),
    })
  })
  rows.push(
    row(
      'open (reload and apply every event, as a resync does when new events were stored)',
      open,
      'the events are applied in one pass',
    ),
    // A resync (every 10 s) with nothing new stored: the count, then nothing (session 5; before, a full reload).
    row(
      'count and newest time of the stored events (a resync with nothing new stored)',
      await stallOf(() => store.killSwitch.summary()),
      'the store is append-only, so an unchanged count and newest time mean no new event',
    ),
  )
  await ks?.close()
  await bus.close()
  await store.close()
  return rows
}

export const suite: BenchSuite = {
  title: 'Work that grows with stored history: time and the longest event-loop stall (SQLite)',
  async run(): Promise<BenchRow[]> {
    const dir = mkdtempSync(join(tmpdir(), 'warden-bench-history-'))
    try {
      return [...(await auditRows(dir)), ...(await killSwitchRows(dir))]
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  },
}
