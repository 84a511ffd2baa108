import { syntheticWorkload } from '../src/behavior/anomaly/synthetic-agent.js'
import { compileBehavior } from '../src/behavior/behavior-config.js'
import { behaviorStage } from '../src/behavior/behavior-stage.js'
import type { CounterStore } from '../src/behavior/counter-store.js'
import { MemoryCounterStore } from '../src/behavior/memory-counter-store.js'
import { RedisCounterStore } from '../src/behavior/redis-counter-store.js'
import { configSchema } from '../src/config/schema.js'
import type { Action } from '../src/core/action.js'
import { SessionLabels } from '../src/flow/labels.js'
import { type BenchRow, type BenchSuite, measure } from './harness.js'

// One behavior check per action: flow rules over the session's labels, four rate-limit buckets taken
// atomically, two budgets summed, and the anomaly detectors over the agent's learned profile.
const config = compileBehavior(
  configSchema.parse({
    behavior: {
      rateLimits: [
        { per: 'agent', limit: 100_000, window: '1m' },
        { per: 'tool', limit: 50_000, window: '1m' },
        { per: 'host', limit: 50_000, window: '1m' },
        { per: 'session', limit: 100_000, window: '1h' },
      ],
      budgets: [
        { name: 'money', sum: 'transaction.amount', limit: 1e12, window: '1h' },
        { name: 'mail', sum: 'emails.sent', limit: 1e9, window: '1d' },
      ],
    },
    flow: { resources: [{ path: '/data/hr/**', classification: 'confidential' }] },
  }),
)

const WORK = syntheticWorkload(4_000, 3)
const AGENTS = 50

async function warmed(store: CounterStore) {
  const sessions = new SessionLabels()
  const stage = behaviorStage({ store, config, sessions })
  for (let a = 0; a < AGENTS; a++) {
    for (const { action, at } of WORK.slice(0, 200)) {
      const mine: Action = { ...action, agent: `agent-${a}` }
      await stage.check(mine, { now: at, facts: {} })
      await stage.recordResult(mine, undefined, { now: at })
    }
  }
  // Half the sessions have read a web page: their sends go through the flow rules' labelled path.
  for (let a = 0; a < AGENTS; a += 2) {
    await stage.recordResult(
      { agent: `agent-${a}`, session: 's0', tool: 'http.request', args: { url: 'https://news.example/' } },
      'headlines',
    )
  }
  const start = WORK[200]?.at ?? Date.now()
  const check = (i: number) => {
    const w = WORK[200 + (i % 3_800)] as (typeof WORK)[number]
    const action: Action = { ...w.action, agent: `agent-${i % AGENTS}`, session: 's0' }
    return stage.check(action, { now: start + i, facts: {} })
  }
  return check
}

/** A tight loop of `total` checks: wall-clock rate, and the rate per CPU-second of this process (on a shared machine wall time includes waiting for a core). */
async function loop(name: string, check: (i: number) => unknown, total: number): Promise<BenchRow> {
  const t0 = process.hrtime.bigint()
  const cpu0 = process.cpuUsage()
  for (let i = 0; i < total; i++) await check(i)
  const s = Number(process.hrtime.bigint() - t0) / 1e9
  const used = process.cpuUsage(cpu0)
  const perCpu = Math.round(total / ((used.user + used.system) / 1e6))
  return { name, opsPerSec: Math.round(total / s), note: `${perCpu.toLocaleString('en-US')} per CPU-second` }
}

async function concurrent(
  name: string,
  check: (i: number) => unknown,
  total: number,
  width: number,
): Promise<BenchRow> {
  const t0 = process.hrtime.bigint()
  for (let i = 0; i < total; i += width) {
    await Promise.all(Array.from({ length: width }, (_, k) => check(i + k)))
  }
  const s = Number(process.hrtime.bigint() - t0) / 1e9
  return { name, opsPerSec: Math.round(total / s), note: `${width} checks in flight` }
}

export const suite: BenchSuite = {
  title: 'Behavioral guardrails and information flow (checks per second)',
  async run() {
    const rows: BenchRow[] = []
    const memory = await warmed(new MemoryCounterStore())
    rows.push(
      await measure('check, in-process store', memory, {
        iterations: 200_000,
        note: `${AGENTS} agents, 4 buckets, 2 budgets, 9 detectors, flow`,
      }),
    )
    rows.push(await loop('check, in-process store, tight loop', memory, 300_000))
    const url = process.env['WARDEN_TEST_REDIS'] ?? process.env['WARDEN_BENCH_REDIS']
    if (url === undefined) {
      rows.push({ name: 'check, Redis store', opsPerSec: 0, note: 'skipped: set WARDEN_TEST_REDIS' })
      return rows
    }
    const store = await RedisCounterStore.open(url, { prefix: `warden:bench:${Date.now()}:` })
    try {
      const redis = await warmed(store)
      rows.push(
        await measure('check, Redis store', redis, { iterations: 5_000, warmup: 500, note: 'one at a time' }),
      )
      rows.push(await concurrent('check, Redis store, concurrent', redis, 20_000, 64))
    } finally {
      await store.close()
    }
    return rows
  },
}
