/**
 * Every default in one frozen table, units in the names. Factories read from here; nothing re-checks
 * per request.
 */
export const DEFAULTS = Object.freeze({
  configFile: 'warden.yaml',
  storeUrl: 'sqlite:.warden/warden.db',
  busUrl: 'memory:',
  stageTimeoutMs: 5_000,
  /** `warden check`: the largest accepted input line. */
  maxActionLineBytes: 1_048_576,
  /** The largest configuration file read. */
  maxConfigBytes: 4_194_304,
  /** The sliding window of the apis rateLimit. */
  apiRateWindowMs: 60_000,
  /** Deepest nesting of action arguments looked into. */
  maxArgsDepth: 64,
})
