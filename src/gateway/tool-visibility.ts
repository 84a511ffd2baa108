import type { AgentPolicy } from '../policy/agent-policy.js'

/**
 * Whether an agent's policy could ever allow a tool, so tools/list shows only what it may use: governed tools
 * by their resource section, every other tool by exact name in tools.allow. (A listed tool can still be
 * refused per call; an unlisted one is never shown, so a refusal cannot reveal it either.)
 */
export function policyMayUse(policy: AgentPolicy | undefined, tool: string): boolean {
  if (policy === undefined) return false
  switch (tool) {
    case 'files.read':
    case 'files.list':
      return policy.files !== undefined && policy.files.read.length > 0
    case 'files.write':
      return policy.files !== undefined && policy.files.write.length > 0
    case 'files.delete':
      return policy.files !== undefined && policy.files.delete.length > 0
    case 'db.query':
      return policy.database !== undefined
    case 'http.request':
      return policy.apis !== undefined
    default:
      return policy.tools.allow.has(tool)
  }
}
