/** Bus timings, one frozen table with units in the names. */
export const BUS_DEFAULTS = Object.freeze({
  /** How often a broker-backed bus proves its connection (PING / flush); well under the kill-switch lease. */
  heartbeatMs: 500,
  /** Budget for connecting at start-up. */
  connectTimeoutMs: 3_000,
  /** Budget for one publish to be accepted by the broker. */
  publishTimeoutMs: 2_000,
  /** Longest wait between reconnect attempts. */
  maxReconnectDelayMs: 1_000,
})
