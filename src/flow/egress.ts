import type { Action } from '../core/action.js'
import { destinationsOf } from './destinations.js'
import type { CompiledFlow } from './flow-config.js'

/** Whether an action sends data out of the system, and where to when Warden can tell. */
export type Egress =
  | { readonly out: false }
  | { readonly out: true; readonly what: string; readonly destinations: readonly string[] }

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * The ways out: `http.request` writes (any method but GET, HEAD, OPTIONS), `email.send`, upstream
 * tools marked `egress`, and `flow.egressTools` (unset: upstream tools named like a send). A GET can still leak through its
 * query string; the apis boundary limits which hosts a GET reaches.
 *
 * @example egressOf({ agent: 'a', tool: 'email.send', args: { to: 'x@y.org' } }, flow).out // true
 */
export function egressOf(action: Action, flow: CompiledFlow): Egress {
  const { tool } = action
  if (tool === 'http.request') {
    const raw = action.args['method']
    // A method that is not a string is not a read Warden can name: count it as a way out (fail closed).
    const method = raw === undefined ? 'GET' : typeof raw === 'string' ? raw.toUpperCase() : String(raw)
    if (READ_METHODS.has(method)) return { out: false }
    return { out: true, what: `http.request ${method}`, destinations: destinationsOf(action) }
  }
  if (tool === 'email.send') return { out: true, what: 'email.send', destinations: destinationsOf(action) }
  if (flow.upstreamOf(tool)?.egress === true || flow.isEgressTool(tool)) {
    return { out: true, what: tool, destinations: [] }
  }
  return { out: false }
}
