import picomatch from 'picomatch'
import { type Action, RISKS, type Risk } from '../core/action.js'
import type { ApprovalsConfig } from './config-schema.js'

/** The group a request goes to and its members; `group: null` lets any authenticated approver decide. */
export interface Route {
  readonly group: string | null
  readonly approvers: readonly string[]
}

/**
 * The first route whose every named field matches (tool as a glob, agent exactly, risk at least the
 * level), else `defaultGroup`, else no group. A route naming a group that does not exist routes to an
 * empty member list that nobody can satisfy, so a typo fails closed instead of opening the request to all.
 */
export function routeRequest(
  config: ApprovalsConfig,
  action: Pick<Action, 'agent' | 'tool'>,
  risk: Risk,
): Route {
  for (const route of config.routes) {
    if (route.tool !== undefined && !picomatch.isMatch(action.tool, route.tool)) continue
    if (route.agent !== undefined && route.agent !== action.agent) continue
    if (route.risk !== undefined && RISKS.indexOf(risk) < RISKS.indexOf(route.risk)) continue
    return groupRoute(config, route.group)
  }
  if (config.defaultGroup !== undefined) return groupRoute(config, config.defaultGroup)
  return { group: null, approvers: [] }
}

function groupRoute(config: ApprovalsConfig, group: string): Route {
  const members = config.groups[group]
  return { group, approvers: members ?? [UNSATISFIABLE] }
}

/** A member name no identity can have (names are non-empty, this one is a NUL). */
const UNSATISFIABLE = '\u0000'
