import { WardenError } from '../errors/warden-error.js'
import type { AgentProfile } from './anomaly/profile.js'
import type { CounterStore, MultiTakeResult, WindowBucket } from './counter-store.js'

/** Times (and amounts, for sums) still inside one key's window, oldest first from `head`. */
interface Series {
  times: number[]
  amounts: number[]
  head: number
  total: number
  windowMs: number
}

const SWEEP_EVERY = 65_536

/**
 * Counters and baselines in this process: exact sliding windows (every take's time is kept until it
 * leaves the window, so no boundary lets twice the limit through). The default when one instance runs.
 *
 * @example
 * const store = new MemoryCounterStore()
 */
export class MemoryCounterStore implements CounterStore {
  readonly #series = new Map<string, Series>()
  readonly #profiles = new Map<string, AgentProfile>()
  #ops = 0

  async take(buckets: readonly WindowBucket[], now: number): Promise<MultiTakeResult> {
    return this.takeNow(buckets, now)
  }

  /** The synchronous core of take (the contract is async for shared stores). */
  takeNow(buckets: readonly WindowBucket[], now: number): MultiTakeResult {
    // A clock that is not a number cannot be reasoned about: refuse rather than count wrongly.
    if (!Number.isFinite(now)) return { ok: false, index: 0, retryAfterMs: buckets[0]?.windowMs ?? 1 }
    this.#maybeSweep(now)
    const series: Series[] = []
    for (let i = 0; i < buckets.length; i++) {
      const b = buckets[i] as WindowBucket
      const s = this.#get(b.key, b.windowMs, now)
      if (s.times.length - s.head >= b.limit) {
        const oldest = s.times[s.head] ?? now
        return { ok: false, index: i, retryAfterMs: Math.max(1, Math.ceil(oldest + b.windowMs - now)) }
      }
      series.push(s)
    }
    for (const s of series) push(s, now, 1)
    return { ok: true }
  }

  async add(key: string, amount: number, windowMs: number, now: number): Promise<number> {
    // An infinite or NaN entry would poison the running total for the whole window.
    if (!Number.isFinite(amount)) throw new WardenError('BEHAVIOR_STORE_UNAVAILABLE', 'amount is not finite')
    const s = this.#get(key, windowMs, now)
    if (amount !== 0) push(s, now, amount)
    return s.total
  }

  async sum(key: string, windowMs: number, now: number): Promise<number> {
    const s = this.#series.get(key)
    if (s === undefined) return 0
    prune(s, now - windowMs)
    return s.total
  }

  async loadProfile(agent: string): Promise<AgentProfile | undefined> {
    return this.#profiles.get(agent)
  }

  async saveProfile(agent: string, profile: AgentProfile): Promise<void> {
    this.#profiles.set(agent, profile)
  }

  async close(): Promise<void> {
    this.#series.clear()
  }

  /** Keys currently tracked (for tests and metrics). */
  get size(): number {
    return this.#series.size
  }

  #get(key: string, windowMs: number, now: number): Series {
    let s = this.#series.get(key)
    if (s === undefined) {
      s = { times: [], amounts: [], head: 0, total: 0, windowMs }
      this.#series.set(key, s)
    }
    s.windowMs = windowMs
    prune(s, now - windowMs)
    return s
  }

  /** Drops series whose window has emptied, now and then: memory follows active keys only. */
  #maybeSweep(now: number): void {
    if (++this.#ops < SWEEP_EVERY) return
    this.#ops = 0
    for (const [key, s] of this.#series) {
      prune(s, now - s.windowMs)
      if (s.times.length === s.head) this.#series.delete(key)
    }
  }
}

function push(s: Series, now: number, amount: number): void {
  // A clock that steps back records at the newest time seen: the series stays sorted, and the entry
  // counts for longer rather than shorter (conservative).
  const last = s.times.length > s.head ? (s.times[s.times.length - 1] ?? now) : now
  s.times.push(Math.max(now, last))
  s.amounts.push(amount)
  s.total += amount
}

/** An entry made at t counts while t > now − window: it leaves exactly windowMs after it was made. */
function prune(s: Series, cutoff: number): void {
  while (s.head < s.times.length && (s.times[s.head] ?? 0) <= cutoff) {
    s.total -= s.amounts[s.head] ?? 0
    s.head++
  }
  if (s.head === s.times.length) {
    s.times.length = 0
    s.amounts.length = 0
    s.head = 0
    s.total = 0
  } else if (s.head > 1024 && s.head * 2 > s.times.length) {
    s.times.splice(0, s.head)
    s.amounts.splice(0, s.head)
    s.head = 0
  }
}
