import type { UpstreamConfig } from '../../config/schema.js'
import { UPSTREAM_DEFAULTS, type UpstreamTimings } from './defaults.js'
import { UpstreamConnection, type UpstreamSource } from './upstream-connection.js'
import { resolveEndpoint } from './upstream-transport.js'

export type { UpstreamSource, UpstreamStatus } from './upstream-connection.js'

/** How upstreams are opened: where stdio servers run, the environment `${VAR}` references read from. */
export interface OpenUpstreamOptions {
  readonly cwd: string
  /** The gateway's environment: only read for `${VAR}` references and PATH, never handed down whole. */
  readonly env: Readonly<Record<string, string | undefined>>
  readonly callTimeoutMs?: number
  readonly connectTimeoutMs?: number
  /** Other timings (restart backoff, ping, limits); defaults in UPSTREAM_DEFAULTS. */
  readonly timings?: Partial<UpstreamTimings>
  /** Where state changes are reported (down, restarting, up again). Default: stderr. */
  readonly log?: (line: string) => void
  /** Plain calls to HTTP upstreams without the SDK client's per-request machinery (direct-call.ts); default true. */
  readonly directCalls?: boolean
}

/**
 * Connects to one upstream MCP server (stdio or Streamable HTTP) and lists its tools. Throws
 * `CONFIG_ENV_MISSING` for an unset `${VAR}`, and `UPSTREAM_UNAVAILABLE` when the first connection fails.
 * Once open, a crash or hang is handled inside: calls fail as tool errors and the server is restarted.
 *
 * @example
 * const github = await openUpstream('github', config.upstreams.github, { cwd: process.cwd(), env: process.env })
 * github.tools().map((t) => t.name) // ['github/search_issues', ...]
 */
export async function openUpstream(
  name: string,
  config: UpstreamConfig,
  options: OpenUpstreamOptions,
): Promise<UpstreamSource> {
  const connection = prepare(name, config, options)
  try {
    await connection.connect()
  } catch (error) {
    await connection.close()
    throw error
  }
  return connection
}

/**
 * Opens every configured upstream at once. A server that fails to start does not stop the others or the
 * gateway: it is reported through `log`, listed with no tools, and retried with backoff; its tools appear
 * (and `onToolsChanged` fires) when it comes up. Configuration errors (`CONFIG_ENV_MISSING`) still throw,
 * before anything is started.
 */
export async function openUpstreams(
  configs: Readonly<Record<string, UpstreamConfig>>,
  options: OpenUpstreamOptions,
): Promise<UpstreamSource[]> {
  const connections = Object.entries(configs).map(([name, config]) => prepare(name, config, options))
  await Promise.all(
    connections.map((connection) =>
      connection.connect().catch(() => {
        connection.retryInBackground()
      }),
    ),
  )
  return connections
}

function prepare(name: string, config: UpstreamConfig, options: OpenUpstreamOptions): UpstreamConnection {
  const endpoint = resolveEndpoint(name, config, options)
  const timings: UpstreamTimings = {
    ...UPSTREAM_DEFAULTS,
    ...options.timings,
    ...(options.callTimeoutMs === undefined ? {} : { callTimeoutMs: options.callTimeoutMs }),
    ...(options.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: options.connectTimeoutMs }),
  }
  const log = options.log ?? ((line: string) => process.stderr.write(`warden: ${line}\n`))
  return new UpstreamConnection(
    name,
    endpoint,
    timings,
    log,
    options.directCalls === undefined ? {} : { directCalls: options.directCalls },
  )
}
