import { WardenError } from '../../errors/warden-error.js'

export type TakeResult =
  | { readonly ok: true; readonly remaining: number }
  | { readonly ok: false; readonly retryAfterMs: number }

/** The timestamps of one key's requests still inside the window, oldest first, in a ring that grows to `limit`. */
interface Ring {
  times: Float64Array
  head: number
  size: number
  newest: number
}

const INITIAL_RING = 8

/**
 * An exact sliding-window rate limiter: at most `limit` takes per key in any window of `windowMs`. Each key
 * keeps the timestamps of its takes still in the window (at most `limit` of them), so the answer is exact
 * where a fixed or approximated window would let up to twice the limit through around a boundary. The clock
 * is passed in (`warden check` simulates it); keys whose window has emptied are dropped once per window.
 *
 * @example
 * const limiter = new SlidingWindowLimiter(100, 60_000)
 * limiter.tryTake('reporter', Date.now()) // { ok: true, remaining: 99 }
 */
export class SlidingWindowLimiter {
  readonly limit: number
  readonly windowMs: number
  readonly #rings = new Map<string, Ring>()
  #lastSweepMs = Number.NEGATIVE_INFINITY

  constructor(limit: number, windowMs: number) {
    if (!Number.isSafeInteger(limit) || limit < 1) {
      throw new WardenError('CONFIG_INVALID', `rate limit must be a positive integer, got ${String(limit)}`)
    }
    if (!Number.isFinite(windowMs) || windowMs <= 0) {
      throw new WardenError(
        'CONFIG_INVALID',
        `rate window must be a positive number of ms, got ${String(windowMs)}`,
      )
    }
    this.limit = limit
    this.windowMs = windowMs
  }

  /** Takes one unit for `key` at `nowMs` if the window has room; otherwise says how long until it will. */
  tryTake(key: string, nowMs: number): TakeResult {
    // A clock that is not a number cannot be reasoned about: refuse (fail closed) rather than count wrongly.
    if (!Number.isFinite(nowMs)) return { ok: false, retryAfterMs: this.windowMs }
    this.#sweep(nowMs)
    let ring = this.#rings.get(key)
    if (ring === undefined) {
      ring = { times: new Float64Array(Math.min(INITIAL_RING, this.limit)), head: 0, size: 0, newest: nowMs }
      this.#rings.set(key, ring)
    }
    const cutoff = nowMs - this.windowMs
    // A take at time t counts while t > now - window: it leaves the window exactly windowMs after it was made.
    while (ring.size > 0 && (ring.times[ring.head] ?? 0) <= cutoff) {
      ring.head = (ring.head + 1) % ring.times.length
      ring.size--
    }
    if (ring.size >= this.limit) {
      const oldest = ring.times[ring.head] ?? nowMs
      return { ok: false, retryAfterMs: Math.max(1, Math.ceil(oldest + this.windowMs - nowMs)) }
    }
    if (ring.size === ring.times.length) grow(ring, this.limit)
    // A clock that steps back records the take at the newest time seen: the ring stays sorted, and the
    // take counts for longer rather than shorter (conservative).
    ring.newest = Math.max(ring.newest, nowMs)
    ring.times[(ring.head + ring.size) % ring.times.length] = ring.newest
    ring.size++
    return { ok: true, remaining: this.limit - ring.size }
  }

  /** Keys currently tracked (for tests and metrics). */
  get size(): number {
    return this.#rings.size
  }

  /** Drops keys with nothing left in the window, at most once per window: memory follows active keys only. */
  #sweep(nowMs: number): void {
    if (nowMs - this.#lastSweepMs < this.windowMs) return
    this.#lastSweepMs = nowMs
    const cutoff = nowMs - this.windowMs
    for (const [key, ring] of this.#rings) if (ring.newest <= cutoff) this.#rings.delete(key)
  }
}

function grow(ring: Ring, limit: number): void {
  const next = new Float64Array(Math.min(limit, ring.times.length * 2))
  for (let i = 0; i < ring.size; i++) next[i] = ring.times[(ring.head + i) % ring.times.length] ?? 0
  ring.times = next
  ring.head = 0
}
