import type { CatalogArea } from '../entry.js'

/** Codes of `warden report weekly|monthly|permissions` (docs/reports.md): failures and review findings. */
export const reportCodes: CatalogArea = {
  REPORT_WINDOW_INVALID: {
    kind: 'failure',
    meaning: '`--since` or `--until` is not an ISO time, or the window ends before it starts.',
    fix: 'Give ISO times such as 2026-03-01T00:00:00Z, with --since before --until.',
  },
  REPORT_AUDIT_UNVERIFIED: {
    kind: 'decision',
    meaning:
      'The audit log failed verification while the report was built (the same check as `warden audit verify`): the figures come from a log that was edited, truncated or reordered, and the report exits 2.',
    fix: 'Treat it as an incident: run `warden audit verify` and investigate the listed records before trusting any figure.',
  },
  REPORT_GRANT_UNUSED: {
    kind: 'decision',
    meaning: 'Permission review finding: no allowed action used this grant in the window.',
    fix: 'Remove the grant (least privilege) unless the agent needs it for work that did not happen this quarter.',
  },
  REPORT_GRANT_BROAD: {
    kind: 'decision',
    meaning:
      'Permission review finding: the grant is broad (a glob near the root, a `*.` host, DELETE, a destructive SQL operation, a permission-granting tool) or a limit is missing (rowLimit, rateLimit).',
    fix: 'Narrow the grant to the folders, hosts, tables and operations the agent uses; add the missing limit.',
  },
  REPORT_AGENT_NO_OWNER: {
    kind: 'decision',
    meaning:
      'Permission review finding: the agent has no `owner`, so nobody is accountable for it or excluded from approving its requests.',
    fix: 'Set `agents.<id>.owner`.',
  },
  REPORT_AGENT_NO_KEYS: {
    kind: 'decision',
    meaning:
      'Permission review finding: the agent has no keys, so it cannot authenticate to the gateway (a leftover entry, or keys kept elsewhere).',
    fix: 'Add a key with `warden agents key ID`, or remove the agent if it is retired.',
  },
  REPORT_AGENT_UNKNOWN: {
    kind: 'decision',
    meaning:
      'Permission review finding: the audit log has actions of an agent the configuration does not define.',
    fix: 'Find which gateway and configuration served it; add it to the configuration or find out who is using that id.',
  },
  REPORT_AGENT_UNKNOWN_ALLOWED: {
    kind: 'decision',
    meaning:
      'Permission review finding: an agent the configuration does not define had actions ALLOWED. The policy denies unknown agents, so another configuration allowed them or the records are forged.',
    fix: 'Investigate now: compare the configurations of every gateway sharing the store and verify the audit log.',
  },
}
