import { escalationInArgs } from './escalation-args.js'
import { escalationInName } from './escalation-name.js'

/** An action that asks for more permissions; `source` says whether its arguments or its tool name did. */
export interface Escalation {
  readonly code: 'PRIVILEGE_ESCALATION'
  readonly reason: string
  readonly source: 'args' | 'name'
  /** Where in the arguments (`body`, `members[0].role`), when `source` is 'args'. */
  readonly path?: string
}

/**
 * Whether an action asks for more permissions: by its arguments (privilege keys with admin values,
 * `is_admin: true`, "requesting elevated permissions" in free text) or by its tool name (`grant_*`,
 * `add_role`, `set_permissions`, `sudo`, `make_admin`, `iam.*` writes, `create_access_key`).
 * Arguments are reported first: they deny for every tool, allowed or not. A name alone denies only tools
 * the agent was not given (checkToolCall); a grant-shaped tool listed in tools.allow was granted by an
 * operator, and the risk stage rates it instead. Cheap enough to run on every action.
 *
 * @example
 * detectEscalation('github/search_issues', { query: 'Requesting elevated permissions' })
 * // { code: 'PRIVILEGE_ESCALATION', reason: 'query: the text requests elevated permissions', source: 'args', path: 'query' }
 */
export function detectEscalation(
  tool: string,
  args: Readonly<Record<string, unknown>>,
): Escalation | undefined {
  const inArgs = args !== null && typeof args === 'object' ? escalationInArgs(args) : undefined
  if (inArgs !== undefined) {
    return {
      code: 'PRIVILEGE_ESCALATION',
      reason: `${inArgs.path}: ${inArgs.reason}`,
      source: 'args',
      path: inArgs.path,
    }
  }
  const inName = typeof tool === 'string' ? escalationInName(tool) : undefined
  if (inName !== undefined) return { code: 'PRIVILEGE_ESCALATION', reason: inName, source: 'name' }
  return undefined
}
