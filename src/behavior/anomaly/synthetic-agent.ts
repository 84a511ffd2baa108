import type { Action } from '../../core/action.js'

/** A seeded PRNG (mulberry32): the same seed gives the same workload, so figures are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/** One action of the synthetic agent and when it happens. */
export interface TimedAction {
  readonly action: Action
  readonly at: number
}

// A plausible reporting agent: lists and reads reports, queries two tables, calls two APIs, writes
// outputs and now and then mails the team, 08:00–18:00 UTC, about three calls a minute. Transitions
// follow a Markov chain with some moves it never makes (a list is always followed by a read or a list).
const NEXT: Readonly<Record<string, ReadonlyArray<readonly [string, number]>>> = {
  'files.list': [
    ['files.read', 0.8],
    ['files.list', 0.2],
  ],
  'files.read': [
    ['files.read', 0.35],
    ['db.query', 0.25],
    ['files.write', 0.15],
    ['http.request', 0.15],
    ['files.list', 0.1],
  ],
  'db.query': [
    ['db.query', 0.4],
    ['files.write', 0.3],
    ['files.read', 0.2],
    ['http.request', 0.1],
  ],
  'http.request': [
    ['files.write', 0.4],
    ['db.query', 0.3],
    ['http.request', 0.2],
    ['files.read', 0.1],
  ],
  'files.write': [
    ['files.list', 0.4],
    ['files.read', 0.3],
    ['email.send', 0.1],
    ['db.query', 0.2],
  ],
  'email.send': [['files.list', 1]],
}

/**
 * `count` actions of the synthetic agent from `start` (ms), seeded. Used to measure false alarms on
 * normal work and to train baselines in tests and the bench.
 */
export function syntheticWorkload(count: number, seed = 7, start = Date.UTC(2026, 0, 5, 8)): TimedAction[] {
  const rnd = seededRandom(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T
  const out: TimedAction[] = []
  let tool = 'files.list'
  let t = start
  for (let i = 0; i < count; i++) {
    t += Math.round(-Math.log(1 - rnd()) * 20_000)
    const d = new Date(t)
    if (d.getUTCHours() >= 18)
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1, 8) + Math.round(rnd() * 600_000)
    out.push({
      action: { agent: 'reporter', session: `s${Math.floor(i / 200)}`, tool, args: argsFor(tool, rnd, pick) },
      at: t,
    })
    const r = rnd()
    let acc = 0
    for (const [next, p] of NEXT[tool] ?? []) {
      acc += p
      if (r < acc) {
        tool = next
        break
      }
    }
  }
  return out
}

function argsFor(tool: string, rnd: () => number, pick: <T>(xs: readonly T[]) => T): Record<string, unknown> {
  const folder = pick(['/data/public', '/data/reports'])
  const file = `${folder}/${pick(['sales', 'stock', 'weekly', 'summary', 'region'])}-${Math.floor(rnd() * 400)}.csv`
  switch (tool) {
    case 'files.list':
      return { path: folder }
    case 'files.read':
      return { path: file }
    case 'files.write':
      return {
        path: `/data/outputs/report-${Math.floor(rnd() * 1e6)}.md`,
        content: 'x'.repeat(200 + Math.floor(rnd() * 1800)),
      }
    case 'db.query':
      return {
        sql: `SELECT id, total FROM ${pick(['orders', 'products'])} WHERE id > ${Math.floor(rnd() * 1e5)} LIMIT 100`,
      }
    case 'http.request':
      return {
        method: 'GET',
        url: `https://${pick(['weather.api.com', 'maps.api.com'])}/v1/q?id=${Math.floor(rnd() * 1e6)}`,
      }
    default:
      return {
        to: ['team@corp.example'],
        subject: 'Daily report',
        body: 'y'.repeat(200 + Math.floor(rnd() * 600)),
      }
  }
}
