/** Defaults of upstream connections, units in the names. */
export const UPSTREAM_DEFAULTS = Object.freeze({
  /** Start (spawn or HTTP) plus the MCP initialize handshake and the first tools/list. */
  connectTimeoutMs: 15_000,
  /** One tools/call without a sign of life; each progress notification restarts it. */
  callTimeoutMs: 60_000,
  /** One tools/call in total, however much progress it reports. */
  maxCallMs: 600_000,
  /** After a call times out, a ping must come back within this, or the server is deemed hung and restarted. */
  pingTimeoutMs: 3_000,
  /** First restart delay; doubled per failed attempt up to restartMaxMs. */
  restartInitialMs: 250,
  restartMaxMs: 30_000,
  /** A connection that stayed up this long resets the backoff (a crash loop keeps backing off). */
  restartStableMs: 10_000,
  /** Grace between closing a stdio server's stdin, SIGTERM and SIGKILL. */
  exitGraceMs: 2_000,
  /** Largest JSON-RPC line from a stdio server. */
  maxMessageBytes: 16 * 1024 * 1024,
  /** tools/list pages followed and tools kept per server (a hostile server cannot page forever). */
  maxListPages: 100,
  maxTools: 2_000,
})

export type UpstreamTimings = {
  -readonly [K in keyof typeof UPSTREAM_DEFAULTS]: number
}
