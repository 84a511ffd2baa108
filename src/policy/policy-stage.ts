import type { Action } from '../core/action.js'
import type { Stage } from '../core/stage.js'
import { ALLOW, deny, rewrite, type Verdict } from '../core/verdict.js'
import type { AgentPolicy, CompiledPolicy } from './agent-policy.js'
import { checkApiRate } from './apis/api-rate.js'
import { checkHttpRequest } from './apis/apis-policy.js'
import { checkHttpHeaders } from './apis/http-headers.js'
import { type BoundaryResult, PERMITTED, refused } from './boundary.js'
import { checkSql } from './database/database-policy.js'
import { checkFileAccess, type FileOperation } from './files/files-policy.js'
import { detectEscalation } from './tools/escalation.js'
import { checkToolCall } from './tools/tools-policy.js'
import { mappedCalls, type ResourceMapping } from './upstream-resources.js'

/**
 * The policy stage: capability boundaries, deny by default. Governed tools are checked against their
 * resource sections; upstream tools against `tools.allow` and, where their arguments are mapped onto
 * resources, against those boundaries too. Escalation requests are refused whatever the grant.
 */
export function policyStage(policy: CompiledPolicy): Stage {
  return {
    name: 'policy',
    check(action, ctx): Verdict {
      const agent = policy.agents.get(action.agent)
      if (agent === undefined) {
        return deny(
          'UNKNOWN_AGENT',
          `agent ${JSON.stringify(action.agent)} is not configured; denied by default`,
        )
      }
      // A request for more permissions inside the arguments is refused whatever the tool, governed ones
      // included; a grant-shaped tool *name* is judged by the tools boundary (an operator may list it).
      // Other tools go through checkToolCall, which runs the same detection itself: do it once per action.
      const escalation = RESOURCE_TOOLS.has(action.tool)
        ? detectEscalation(action.tool, action.args)
        : undefined
      if (escalation?.source === 'args') {
        return deny(escalation.code, escalation.reason, { permissionAudit: true, tool: action.tool })
      }
      const result = checkBoundaries(agent, policy, action, ctx.now)
      if (!result.allowed) return deny(result.code, result.reason, result.detail)
      if (result.facts !== undefined) Object.assign(ctx.facts, result.facts)
      if (result.args !== undefined) {
        const rewritten: Action = { ...action, args: { ...action.args, ...result.args } }
        return rewrite(
          rewritten,
          result.code ?? 'ARGS_REWRITTEN',
          result.reason ?? 'arguments rewritten to fit the policy',
        )
      }
      return ALLOW
    },
  }
}

/** The governed tools judged by their resource sections (checkGoverned), not by checkToolCall. */
const RESOURCE_TOOLS: ReadonlySet<string> = new Set([
  'files.read',
  'files.write',
  'files.delete',
  'files.list',
  'db.query',
  'http.request',
])

function checkBoundaries(
  agent: AgentPolicy,
  policy: CompiledPolicy,
  action: Action,
  now: number,
): BoundaryResult {
  const governed = checkGoverned(agent, action.tool, action.args, now)
  if (governed !== undefined) return governed
  const listed = checkToolCall(agent.tools, action.tool, action.args)
  if (!listed.allowed) return listed
  const mappings = policy.resources.get(action.tool)
  return mappings === undefined ? listed : checkMapped(agent, mappings, action, now)
}

/** The governed tools with resource semantics; undefined for any other tool. */
function checkGoverned(
  agent: AgentPolicy,
  tool: string,
  args: Readonly<Record<string, unknown>>,
  now: number,
): BoundaryResult | undefined {
  switch (tool) {
    case 'files.read':
    case 'files.write':
    case 'files.delete':
    case 'files.list': {
      if (agent.files === undefined) return noSection(agent, 'files')
      return checkFileAccess(agent.files, tool.slice('files.'.length) as FileOperation, args['path'])
    }
    case 'db.query':
      if (agent.database === undefined) return noSection(agent, 'database')
      return checkSql(agent.database, args['sql'])
    case 'http.request': {
      if (agent.apis === undefined) return noSection(agent, 'apis')
      const request = checkHttpRequest(agent.apis, args['method'] ?? 'GET', args['url'])
      if (!request.allowed) return request
      const headers = checkHttpHeaders(args['headers'])
      if (!headers.allowed) return headers
      // Only requests that pass every static check use up the rate budget.
      return checkApiRate(agent.apiLimiter, agent.apis, agent.id, now)
    }
    default:
      return undefined
  }
}

function checkMapped(
  agent: AgentPolicy,
  mappings: readonly ResourceMapping[],
  action: Action,
  now: number,
): BoundaryResult {
  for (const { operation, argument, args } of mappedCalls(mappings, action.args)) {
    const result = checkGoverned(agent, operation, args, now)
    if (result === undefined || !result.allowed) {
      return result ?? refused('TOOL_NOT_ALLOWED', `unknown resource mapping ${operation}`)
    }
    // A mapped argument cannot be rewritten in place safely (the upstream tool's semantics are unknown):
    // a boundary that needs a rewrite (e.g. a row limit) refuses instead.
    if (result.args !== undefined) {
      return refused(
        'MAPPED_REWRITE_REFUSED',
        `${action.tool}.${argument} would need rewriting to fit ${operation} (${result.reason ?? 'rewrite'}); refused`,
      )
    }
  }
  return PERMITTED
}

function noSection(agent: AgentPolicy, section: string): BoundaryResult {
  return refused('NO_PERMISSIONS', `agent ${agent.id} has no ${section} permissions; denied by default`)
}
