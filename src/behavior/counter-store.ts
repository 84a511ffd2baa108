import type { AgentProfile } from './anomaly/profile.js'

/** One sliding window an action draws on: at most `limit` takes in any `windowMs`. Keys are unique per take. */
export interface WindowBucket {
  readonly key: string
  readonly limit: number
  readonly windowMs: number
}

/** The outcome of a multi-bucket take: all consumed, or none and the first full bucket with its wait. */
export type MultiTakeResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly index: number; readonly retryAfterMs: number }

/**
 * Where BehavioralGuardrails keep counters and baselines: in-process by default, Redis when several
 * gateway instances must count as one. Every method may reject (lost store); the behavior stage then
 * denies (fail closed).
 *
 * @example
 * const r = await store.take([{ key: 'a:reporter', limit: 100, windowMs: 60_000 }], Date.now())
 */
export interface CounterStore {
  /**
   * Takes one unit from every bucket, or from none: all buckets are checked before any is consumed, so
   * a refused action does not use up the budget of the windows it did fit in.
   */
  take(buckets: readonly WindowBucket[], now: number): Promise<MultiTakeResult>
  /** Adds `amount` to a windowed sum and returns the sum over the last `windowMs` after adding. */
  add(key: string, amount: number, windowMs: number, now: number): Promise<number>
  /** The sum of what was added to `key` during the last `windowMs`. */
  sum(key: string, windowMs: number, now: number): Promise<number>
  /** The agent's learned baseline, or undefined before its first action. */
  loadProfile(agent: string): Promise<AgentProfile | undefined>
  saveProfile(agent: string, profile: AgentProfile): Promise<void>
  close(): Promise<void>
}
