import type { WardenConfig } from '../config/schema.js'
import type { ApprovalRequest } from './approval.js'
import { type ApprovalsConfig, approvalsConfig } from './config-schema.js'
import { webhookNotifier } from './notify.js'

/** What an ApprovalService needs from warden.yaml, ready to spread into its options. */
export interface ApprovalSettings {
  readonly config: ApprovalsConfig
  readonly owners: Readonly<Record<string, string>>
  readonly notify?: (request: ApprovalRequest) => Promise<void>
}

/**
 * The `approvals:` section (defaults when absent), each agent's `owner`, and a webhook notifier when
 * `approvals.webhook` is set.
 *
 * @example
 * const service = new ApprovalService({ store: store.approvals, ...approvalSettings(config), audit })
 */
export function approvalSettings(config: WardenConfig): ApprovalSettings {
  const settings = config.approvals ?? approvalsConfig()
  const owners: Record<string, string> = {}
  for (const [id, agent] of Object.entries(config.agents)) {
    if (agent.owner !== undefined) owners[id] = agent.owner
  }
  return settings.webhook === undefined
    ? { config: settings, owners }
    : { config: settings, owners, notify: webhookNotifier(settings.webhook, settings.webhookTimeoutMs) }
}
