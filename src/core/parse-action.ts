import { DEFAULTS } from '../config/defaults.js'
import type { Action } from './action.js'

export type ParsedAction =
  | {
      readonly ok: true
      readonly action: Action
      readonly time?: number
      /** `warden check`: what the tool returned, to simulate information flow (`"result"` on the line). */
      readonly result?: unknown
    }
  | { readonly ok: false; readonly code: string; readonly message: string }

const MAX_NAME_LENGTH = 256

/**
 * Checks that an untrusted value is an action (`{id?, agent, session?, tool, args, context?}`, plus the
 * optional `time` of `warden check`). Never throws: bad input gets a code.
 */
export function parseAction(value: unknown): ParsedAction {
  if (!isPlainObject(value)) return bad('an action is a JSON object')
  const { id, agent, session, tool, args, context, time, result, ...rest } = value
  const unknown = Object.keys(rest)
  if (unknown.length > 0) return bad(`unknown field ${JSON.stringify(unknown[0])}`)
  if (!isName(agent)) return bad('`agent` must be a non-empty string of at most 256 characters')
  if (!isName(tool)) return bad('`tool` must be a non-empty string of at most 256 characters')
  if (id !== undefined && !isName(id)) return bad('`id` must be a non-empty string of at most 256 characters')
  if (session !== undefined && !isName(session)) return bad('`session` must be a non-empty string')
  if (!isPlainObject(args)) return bad('`args` must be a JSON object')
  if (context !== undefined && !isPlainObject(context)) return bad('`context` must be a JSON object')
  if (
    depthExceeds(args, DEFAULTS.maxArgsDepth) ||
    (context !== undefined && depthExceeds(context, DEFAULTS.maxArgsDepth))
  ) {
    return bad(`arguments nest deeper than ${DEFAULTS.maxArgsDepth} levels`)
  }
  let at: number | undefined
  if (time !== undefined) {
    at = typeof time === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(time) ? Date.parse(time) : Number.NaN
    if (Number.isNaN(at)) return bad('`time` must be an ISO 8601 date-time such as 2026-01-31T09:00:00Z')
  }
  const action: Action = {
    agent,
    tool,
    args,
    ...(id === undefined ? {} : { id }),
    ...(session === undefined ? {} : { session }),
    ...(context === undefined ? {} : { context }),
  }
  return {
    ok: true,
    action,
    ...(at === undefined ? {} : { time: at }),
    ...(result === undefined ? {} : { result }),
  }
}

function bad(message: string): ParsedAction {
  return { ok: false, code: 'INVALID_ACTION', message }
}

function isName(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_NAME_LENGTH
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function depthExceeds(value: unknown, limit: number): boolean {
  // Iterative, so a hostile nesting depth cannot overflow the stack.
  const stack: Array<[unknown, number]> = [[value, 0]]
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!
    if (depth > limit) return true
    if (typeof node === 'object' && node !== null) {
      for (const child of Object.values(node)) stack.push([child, depth + 1])
    }
  }
  return false
}
