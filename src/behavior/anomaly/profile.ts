/** Running mean and variance of one quantity (exponentially weighted, so old habits fade). */
export interface RunningStat {
  n: number
  mean: number
  var: number
}

/**
 * What Warden has learned about one agent's habits, and its recent attempts. Plain JSON, so a shared
 * store can keep it; dictionaries have no prototype, so a tool called `__proto__` is just a name.
 *
 * Knowledge (tools, hosts, prefixes, hours, sizes, pairs) is learned only from actions that were
 * executed, never from refused attempts: an attacker cannot teach the baseline by being refused.
 * Attempt state (minute counts, recent calls, denials) follows every attempt.
 */
export interface AgentProfile {
  v: 1
  /** When the agent was first seen (ms): the hours detector needs days of history. */
  firstAt: number
  /** Executed actions learned. */
  learned: number
  tools: Record<string, number>
  hosts: Record<string, number>
  prefixes: Record<string, number>
  /** Executed actions per UTC hour of day (24 counts). */
  hours: number[]
  /** Per tool: log2 of the argument size in bytes. */
  sizes: Record<string, RunningStat>
  /** Executed transitions `prev\u0000next`, and the transitions out of each tool. */
  pairs: Record<string, number>
  outs: Record<string, number>
  lastLearned?: string
  lastAttempt?: string
  /** Attempts per active minute (minutes with no action are not samples: idle nights are not a norm). */
  rate: RunningStat
  minute: number
  minuteCount: number
  /** Recent attempts: fingerprint and time, oldest first. */
  recent: Array<[number, number]>
  /** Times of recent refusals. */
  denials: number[]
}

/** A dictionary without a prototype. */
export function dict<T>(from?: Record<string, T>): Record<string, T> {
  const d = Object.create(null) as Record<string, T>
  if (from !== undefined) for (const k of Object.keys(from)) d[k] = from[k] as T
  return d
}

/** A fresh profile for an agent first seen at `now`. */
export function newProfile(now: number): AgentProfile {
  return {
    v: 1,
    firstAt: now,
    learned: 0,
    tools: dict(),
    hosts: dict(),
    prefixes: dict(),
    hours: new Array<number>(24).fill(0),
    sizes: dict(),
    pairs: dict(),
    outs: dict(),
    rate: { n: 0, mean: 0, var: 0 },
    minute: -1,
    minuteCount: 0,
    recent: [],
    denials: [],
  }
}

/** A profile read back from JSON, its dictionaries rebuilt without prototypes; undefined when malformed. */
export function reviveProfile(value: unknown): AgentProfile | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const p = value as AgentProfile
  if (p.v !== 1 || !Array.isArray(p.hours) || !Array.isArray(p.recent) || !Array.isArray(p.denials)) {
    return undefined
  }
  return {
    ...p,
    tools: dict(p.tools),
    hosts: dict(p.hosts),
    prefixes: dict(p.prefixes),
    sizes: dict(p.sizes),
    pairs: dict(p.pairs),
    outs: dict(p.outs),
  }
}

/** Folds one sample into an exponentially weighted mean and variance (West's incremental form). */
export function updateStat(stat: RunningStat, x: number, alpha: number): void {
  if (stat.n === 0) {
    stat.mean = x
    stat.var = 0
  } else {
    const diff = x - stat.mean
    const a = Math.max(alpha, 1 / (stat.n + 1))
    stat.mean += a * diff
    stat.var = (1 - a) * (stat.var + a * diff * diff)
  }
  stat.n++
}
