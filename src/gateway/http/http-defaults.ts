/** Defaults of the HTTP surface, units in the names (gateway.* in warden.yaml overrides the first four). */
export const GATEWAY_DEFAULTS = Object.freeze({
  port: 8787,
  host: '127.0.0.1',
  /** Host header values accepted: only loopback names, so a DNS-rebound page cannot reach the gateway. */
  allowedHosts: Object.freeze(['localhost', '127.0.0.1', '[::1]']),
  allowedOrigins: Object.freeze([] as string[]),
  /** Largest admin API request body. */
  maxApiBodyBytes: 65_536,
  /** Largest MCP request body (one JSON-RPC message or batch). */
  maxMcpBodyBytes: 4_194_304,
  /** Audit records returned when `limit` is not given, and the most one request may ask for. */
  auditDefaultLimit: 100,
  auditMaxLimit: 1_000,
  /** Most live MCP sessions over HTTP; a new one beyond is refused (503) rather than exhausting memory. */
  maxMcpSessions: 1_000,
  /** An MCP session unused this long is closed when a new one needs room. */
  mcpSessionIdleMs: 1_800_000,
  /**
   * How long an MCP answer may be held to learn whether it is complete (then sent as one body with a
   * Content-Length) before it streams as server-sent events as usual.
   */
  mcpSettleMs: 50,
})
