import { ConfigPathError } from '../../config/load.js'
import type { ConfigPath } from '../../config/locate.js'
import type { ToolsPermissions } from '../../config/schema.js'
import { type BoundaryResult, PERMITTED, refused } from '../boundary.js'
import { detectEscalation } from './escalation.js'

/** The compiled `tools` section: exact tool names, compared without case or Unicode folding. */
export interface ToolsPolicy {
  readonly allow: ReadonlySet<string>
}

// Names are compared byte for byte, so an entry with spaces, control or format characters (zero-width
// joiners, bidi marks) or glob syntax could never match what the operator meant: refuse it at load.
const BAD_NAME = /[\s\p{Cc}\p{Cf}*?[\]{}]/u

/**
 * Checks and compiles `tools.allow` once, at load (a missing section allows nothing).
 *
 * @example
 * compileToolsPolicy({ allow: ['github/search_issues'] }, ['agents', 'reporter', 'permissions', 'tools'])
 */
export function compileToolsPolicy(perms: ToolsPermissions | undefined, at: ConfigPath): ToolsPolicy {
  const allow = new Set<string>()
  ;(perms?.allow ?? []).forEach((name, i) => {
    if (BAD_NAME.test(name)) {
      throw new ConfigPathError(
        [...at, 'allow', i],
        `${JSON.stringify(name)}: tool names are exact (no wildcards, spaces or invisible characters)`,
      )
    }
    if (name.normalize('NFC') !== name) {
      throw new ConfigPathError([...at, 'allow', i], `${JSON.stringify(name)}: write the name in Unicode NFC`)
    }
    allow.add(name)
  })
  return Object.freeze({ allow })
}

/**
 * Whether the agent may call `tool`: listed exactly in tools.allow, and not asking for more permissions.
 * - arguments that request permissions deny with PRIVILEGE_ESCALATION, even for an allowed tool;
 * - a tool not listed denies with PRIVILEGE_ESCALATION when its name is grant-shaped, else TOOL_NOT_ALLOWED;
 * - a listed grant-shaped tool is allowed here (an operator granted it; the risk stage rates it critical).
 * PRIVILEGE_ESCALATION carries `detail.permissionAudit: true` for the permission report.
 *
 * @example
 * checkToolCall(policy, 'admin/grant_role', { role: 'admin' }) // { allowed: false, code: 'PRIVILEGE_ESCALATION', … }
 */
export function checkToolCall(
  policy: ToolsPolicy,
  tool: string,
  args: Readonly<Record<string, unknown>>,
): BoundaryResult {
  const escalation = detectEscalation(tool, args)
  const listed = typeof tool === 'string' && policy.allow.has(tool)
  if (escalation !== undefined && (escalation.source === 'args' || !listed)) {
    return refused('PRIVILEGE_ESCALATION', `${String(tool).slice(0, 120)}: ${escalation.reason}`, {
      permissionAudit: true,
      tool,
      source: escalation.source,
      ...(escalation.path === undefined ? {} : { path: escalation.path }),
    })
  }
  if (!listed)
    return refused(
      'TOOL_NOT_ALLOWED',
      `tool ${JSON.stringify(String(tool).slice(0, 120))} is not in tools.allow`,
    )
  return PERMITTED
}
