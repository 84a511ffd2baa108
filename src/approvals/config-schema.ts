import { z } from 'zod'

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
  timeoutMs: z
    .number()
    .int()
    .positive()
    .default(15 * 60_000),
  /** How long a granted approval stays usable before the agent's retry must ask again. */
  validForMs: z
    .number()
    .int()
    .positive()
    .default(15 * 60_000),
  /** Distinct approvers a `multi_approve` needs. */
  quorum: z.number().int().min(2).default(2),
  groups: z.record(name, z.array(name).min(1)).default({}),
  routes: z.array(approvalRouteSchema).default([]),
  /** The group for requests no route matches; without it, any authenticated approver may decide. */
  defaultGroup: name.optional(),
  /** Slack-compatible incoming webhook that hears about every new request. */
  webhook: z.url().optional(),
  webhookTimeoutMs: z.number().int().positive().default(5_000),
})

export type ApprovalsConfig = z.infer<typeof approvalsConfigSchema>
export type ApprovalRoute = z.infer<typeof approvalRouteSchema>

/** The configuration with every default filled in (for a gateway without an `approvals:` section). */
export function approvalsConfig(input: unknown = {}): ApprovalsConfig {
  return approvalsConfigSchema.parse(input)
}
