import type { CatalogArea } from '../entry.js'

/** Codes of the `tools` boundary: exact tool allow-list and no dynamic privilege escalation. */
export const toolsCodes: CatalogArea = {
  TOOL_NOT_ALLOWED: {
    kind: 'decision',
    meaning:
      'The tool is not listed in tools.allow. Names are compared exactly (no case or Unicode folding); unknown tools are denied.',
    fix: 'Add the exact tool name (e.g. github/search_issues) to agents.<id>.permissions.tools.allow if the agent should use it.',
  },
  PRIVILEGE_ESCALATION: {
    kind: 'decision',
    meaning:
      'The action asks for more permissions: a grant/escalate/role-change tool the agent was not given, or arguments that request roles, scopes or admin access. Permissions are fixed by configuration, never widened at run time; the attempt is marked for the permission audit (detail.permissionAudit).',
    fix: 'An operator changes warden.yaml if the agent truly needs more; review the agent’s reasoning and the permission report (`warden report permissions`).',
  },
}
