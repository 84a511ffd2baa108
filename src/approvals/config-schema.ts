import { z } from 'zod'
import { APPROVAL_DEFAULTS as D } from './approval-defaults.js'

const name = z.string().min(1)

/** One routing rule: every field it names must match; the first matching route picks the group. */
export const approvalRouteSchema = z.strictObject({
  tool: name.optional(),
  /** The action's risk is at least this level. */
  risk: z.enum(['low', 'medium', 'high', 'critical']).optional(),
  agent: name.optional(),
  group: name,
})

/** `approvals:` in warden.yaml — who approves what, how many, and for how long a request waits. */
export const approvalsConfigSchema = z.strictObject({
  /** How long a request waits for a decision before it is denied (expired). */
  timeoutMs: z.number().int().positive().default(D.timeoutMs),
  /** How long a granted approval stays usable before the agent's retry must ask again. */
  validForMs: z.number().int().positive().default(D.validForMs),
  /** Distinct approvers a `multi_approve` needs. */
  quorum: z.number().int().min(2).default(D.quorum),
  groups: z.record(name, z.array(name).min(1)).default({}),
  routes: z.array(approvalRouteSchema).default([]),
  /** The group for requests no route matches; without it, any authenticated approver may decide. */
  defaultGroup: name.optional(),
  /** Slack-compatible incoming webhook that hears about every new request. */
  webhook: z.url().optional(),
  webhookTimeoutMs: z.number().int().positive().default(D.webhookTimeoutMs),
  /**
   * A call with a progress token whose action needs approval is held open up to this long, sending progress
   * notifications, and proceeds if approved meanwhile; then it returns the pending id. 0: never hold.
   * Capped at 10 minutes: the hold must stay bounded.
   */
  holdMs: z.number().int().min(0).max(600_000).default(D.holdMs),
  /** How often a held call re-reads its request and sends a progress notification. */
  holdPollMs: z.number().int().min(10).max(60_000).default(D.holdPollMs),
  /** How long a `confirm` asked by MCP elicitation waits for the user; no answer refuses the action. */
  confirmTimeoutMs: z.number().int().positive().max(600_000).default(D.confirmTimeoutMs),
  /** The control `warden rollback` needs; allow runs it at once (still audited). */
  rollbackControl: z.enum(['allow', 'confirm', 'approve', 'multi_approve']).default(D.rollbackControl),
  /** How many recent actions of the session an approval request shows (0: none). */
  historyEntries: z.number().int().min(0).max(50).default(D.historyEntries),
})

export type ApprovalsConfig = z.infer<typeof approvalsConfigSchema>
export type ApprovalRoute = z.infer<typeof approvalRouteSchema>

/** The configuration with every default filled in (for a gateway without an `approvals:` section). */
export function approvalsConfig(input: unknown = {}): ApprovalsConfig {
  return approvalsConfigSchema.parse(input)
}
