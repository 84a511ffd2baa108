/** Kill-switch timings, one frozen table with units in the names. */
export const KILL_SWITCH_DEFAULTS = Object.freeze({
  /**
   * How long the bus may stay silent before this instance denies every action (KILL_SWITCH_UNAVAILABLE):
   * past it, a stop issued on another instance might not have arrived.
   */
  leaseMs: 5_000,
  /** How often the lease and the bus connection are checked. */
  watchMs: 250,
  /** How often the persisted state is re-read, to catch events a disconnected subscriber missed. */
  resyncMs: 10_000,
  /**
   * Budget for persisting one event. Past it a stop is published anyway (a slow store must not hold up
   * an emergency stop on the other instances) and the call reports KILL_SWITCH_PERSIST_FAILED.
   */
  persistTimeoutMs: 2_000,
  /** Budget for the security-team webhook on an emergency stop. */
  alertTimeoutMs: 5_000,
  /** How long close() waits for alerts and hooks still running. */
  closeWaitMs: 5_000,
})
