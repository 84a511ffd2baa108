import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js'
import type { UpstreamConfig } from '../../config/schema.js'
import { agentFetch, upstreamAgent } from './agent-fetch.js'
import { childEnvironment, resolveMap } from './child-env.js'
import type { UpstreamTimings } from './defaults.js'
import { OrderedTransport } from './ordered-transport.js'
import { UpstreamStdioTransport } from './stdio-transport.js'

/** How to reach one upstream, with every `${VAR}` already resolved (resolution fails at start, once). */
export type UpstreamEndpoint =
  | {
      readonly kind: 'stdio'
      readonly command: string
      readonly args: readonly string[]
      readonly env: Readonly<Record<string, string>>
      readonly cwd: string
    }
  | { readonly kind: 'http'; readonly url: URL; readonly headers: Readonly<Record<string, string>> }

/**
 * Resolves an upstream's configuration against the gateway's environment: `${VAR}` in `env` and `headers`
 * values (not in `args`: a secret on a command line is visible to every user through `ps`). Throws
 * `CONFIG_ENV_MISSING` naming the key.
 */
export function resolveEndpoint(
  name: string,
  config: UpstreamConfig,
  options: { readonly cwd: string; readonly env: Readonly<Record<string, string | undefined>> },
): UpstreamEndpoint {
  const where = `upstreams.${name}`
  if (config.url !== undefined) {
    return {
      kind: 'http',
      url: new URL(config.url),
      headers: resolveMap(config.headers, options.env, `${where}.headers`),
    }
  }
  return {
    kind: 'stdio',
    command: config.command ?? '',
    args: config.args,
    env: childEnvironment(config.env, options.env, `${where}.env`),
    cwd: options.cwd,
  }
}

/** A fresh, unstarted transport for one connection attempt (messages delivered in order, see OrderedTransport). */
export function createTransport(endpoint: UpstreamEndpoint, timings: UpstreamTimings): OrderedTransport {
  return new OrderedTransport(rawTransport(endpoint, timings))
}

/**
 * One keep-alive Agent for every HTTP upstream, as the global fetch has one dispatcher (idle sockets do not
 * hold the process open); direct calls (direct-call.ts) use it too.
 */
export const upstreamDispatcher = upstreamAgent()
const fetchUpstream = agentFetch(upstreamDispatcher)

function rawTransport(endpoint: UpstreamEndpoint, timings: UpstreamTimings): Transport {
  if (endpoint.kind === 'http') {
    return new StreamableHTTPClientTransport(endpoint.url, {
      requestInit: { headers: { ...endpoint.headers } },
      fetch: fetchUpstream,
    })
  }
  return new UpstreamStdioTransport({
    command: endpoint.command,
    args: endpoint.args,
    env: endpoint.env,
    cwd: endpoint.cwd,
    maxMessageBytes: timings.maxMessageBytes,
    exitGraceMs: timings.exitGraceMs,
  })
}
