/**
 * The limits of Warden's governed tools, in one frozen table with units in the names. A call past a limit
 * is a tool error (a code in the result), never a silent cut, except `maxListEntries` and the database row
 * limit, which truncate and say so.
 */
export const TOOL_LIMITS = Object.freeze({
  /** files.read: the largest file returned. */
  maxReadBytes: 1_048_576,
  /** files.write: the largest content written. */
  maxWriteBytes: 1_048_576,
  /** files.list: entries returned before the listing is cut (and marked truncated). */
  maxListEntries: 1_000,
  /** files.write dry-run: larger texts are summarised instead of diffed line by line. */
  maxDiffLines: 2_000,
  /** db.query: longest a statement may run before it is cancelled (and its transaction rolled back). */
  statementTimeoutMs: 5_000,
  /** db.query: rows returned when the agent's grant has no rowLimit of its own. */
  defaultRowLimit: 1_000,
  /** db.query: before-images kept for rollback of one UPDATE or DELETE. */
  maxBeforeImageRows: 10_000,
  /** http.request: the whole exchange, every redirect hop included. */
  httpTimeoutMs: 10_000,
  /** http.request: the largest response body read. */
  maxResponseBytes: 1_048_576,
  /** http.request: the largest request body sent. */
  maxRequestBodyBytes: 1_048_576,
  /** http.request: redirects followed (each hop re-checked) before giving up. */
  maxRedirects: 5,
  /** email.send: the largest message body. */
  maxEmailBodyBytes: 262_144,
  /** email.send: recipients per message. */
  maxEmailRecipients: 20,
  /** payments.transfer: the largest single transfer, in major units. */
  maxTransferAmount: 1_000_000,
})

/** The shape of TOOL_LIMITS. */
export type ToolLimits = typeof TOOL_LIMITS
