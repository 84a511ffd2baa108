/**
 * The approvals defaults, one frozen table with units in the names; `approvalsConfigSchema` fills them in.
 * The hold and the confirm wait stay under the MCP clients' usual 60 s request timeout.
 */
export const APPROVAL_DEFAULTS = Object.freeze({
  /** How long a request waits for a decision before it is denied (expired). */
  timeoutMs: 15 * 60_000,
  /** How long a granted approval stays usable before the agent's retry must ask again. */
  validForMs: 15 * 60_000,
  /** Distinct approvers a `multi_approve` needs. */
  quorum: 2,
  webhookTimeoutMs: 5_000,
  /**
   * How long a call that carries a progress token is held open for its approval, with progress
   * notifications, before it returns the pending id (0: never hold).
   */
  holdMs: 10_000,
  /** How often a held call looks at its request again (and sends a progress notification). */
  holdPollMs: 1_000,
  /** How long a `confirm` asked over MCP elicitation waits for the user before it is refused. */
  confirmTimeoutMs: 50_000,
  /** The control `warden rollback` needs (it is a high-risk action; the seed's control for high is approve). */
  rollbackControl: 'approve',
  /** Entries of recent session history an approval request carries. */
  historyEntries: 10,
})
