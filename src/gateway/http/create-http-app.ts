import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { AdminTokenConfig } from '../../config/schema.js'
import { WardenError } from '../../errors/warden-error.js'
import { operatorLookup } from '../auth/operator-lookup.js'
import type { GatewayApi } from '../gateway-api.js'
import { McpHttpSessions } from '../mcp/http-sessions.js'
import { agentsRoutes } from './agents-routes.js'
import { approvalsRoutes } from './approvals-routes.js'
import { auditRoutes } from './audit-routes.js'
import { healthRoute } from './health-route.js'
import { hostOriginGuard } from './host-origin.js'
import { GATEWAY_DEFAULTS } from './http-defaults.js'
import { failureResponse, jsonError } from './http-error.js'
import { incidentsRoutes } from './incidents-routes.js'
import { mcpRoute } from './mcp-route.js'
import { CallMetrics } from './metrics.js'
import { metricsRoute, type UpstreamHealth } from './metrics-route.js'

/** What createHttpApp takes; everything but the tokens defaults from GATEWAY_DEFAULTS. */
export interface HttpAppOptions {
  /** Admin API tokens (hashes) with their roles: the config's and those `warden up` generated. */
  readonly adminTokens: readonly AdminTokenConfig[]
  readonly allowedHosts?: readonly string[]
  readonly allowedOrigins?: readonly string[]
  readonly maxApiBodyBytes?: number
  readonly maxMcpBodyBytes?: number
  readonly maxMcpSessions?: number
  readonly mcpSessionIdleMs?: number
  /** Plain tools/call requests answered without the SDK transport (direct-tool-call.ts); default true. */
  readonly directCalls?: boolean
  /** The upstream MCP servers' connection states, for /metrics (none by default). */
  readonly upstreamHealth?: () => readonly UpstreamHealth[]
  /** Counters shared with other transports (stdio); a fresh set by default. */
  readonly metrics?: CallMetrics
}

/** The HTTP surface and what must be closed with it (the live MCP sessions). */
export interface HttpApp {
  readonly app: Hono
  readonly sessions: McpHttpSessions
  readonly metrics: CallMetrics
  close(): Promise<void>
}

/**
 * The gateway's HTTP surface on one Hono app: `/mcp` (agents, bearer keys), `/api/*` (operators, bearer
 * tokens with roles), `/metrics` and `/healthz`. Host and Origin are checked on /mcp and /api before anything
 * else (DNS rebinding); bodies are size-limited; every error is `{"error":{"code","message"}}`.
 *
 * @example
 * const { app } = createHttpApp(gateway, { adminTokens: [{ name: 'ops', role: 'admin', hash }] })
 * await app.request('/healthz') // 200 {"status":"ok",…}
 */
export function createHttpApp(gateway: GatewayApi, options: HttpAppOptions): HttpApp {
  const metrics = options.metrics ?? new CallMetrics()
  const sessions = new McpHttpSessions(gateway, {
    maxBodyBytes: positive('maxMcpBodyBytes', options.maxMcpBodyBytes ?? GATEWAY_DEFAULTS.maxMcpBodyBytes),
    maxSessions: positive('maxMcpSessions', options.maxMcpSessions ?? GATEWAY_DEFAULTS.maxMcpSessions),
    idleMs: positive('mcpSessionIdleMs', options.mcpSessionIdleMs ?? GATEWAY_DEFAULTS.mcpSessionIdleMs),
    settleMs: GATEWAY_DEFAULTS.mcpSettleMs,
    observe: (decision, seconds) => metrics.observe('http', decision, seconds),
    ...(options.directCalls === undefined ? {} : { directCalls: options.directCalls }),
  })
  const lookup = operatorLookup(options.adminTokens)
  const guard = hostOriginGuard({
    allowedHosts: options.allowedHosts ?? GATEWAY_DEFAULTS.allowedHosts,
    allowedOrigins: options.allowedOrigins ?? GATEWAY_DEFAULTS.allowedOrigins,
  })
  const maxApi = positive('maxApiBodyBytes', options.maxApiBodyBytes ?? GATEWAY_DEFAULTS.maxApiBodyBytes)

  const app = new Hono()
  app.use('/mcp', guard)
  app.use('/api/*', guard)
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: maxApi,
      onError: (c) => jsonError(c, 413, 'REQUEST_TOO_LARGE', `the body exceeds ${maxApi} bytes`),
    }),
  )
  app.route('/', healthRoute(gateway))
  app.route(
    '/',
    metricsRoute(gateway, metrics, () => sessions.size, options.upstreamHealth),
  )
  app.route('/', mcpRoute(gateway, sessions))
  app.route('/', agentsRoutes(gateway, lookup))
  app.route('/', approvalsRoutes(lookup, gateway.approvals))
  app.route('/', auditRoutes(gateway, lookup))
  app.route('/', incidentsRoutes(gateway, lookup))
  app.notFound((c) => jsonError(c, 404, 'ROUTE_NOT_FOUND', `no route ${c.req.method} ${c.req.path}`))
  app.onError((error, c) => failureResponse(c, error))

  // A terminated agent's open sessions end now, not at its next request.
  const stop = gateway.killSwitch.onChange((change) => {
    const { kind, agentId } = change.event
    if (kind === 'terminate' && agentId !== undefined) void sessions.closeAgent(agentId)
  })
  return {
    app,
    sessions,
    metrics,
    async close() {
      stop()
      await sessions.close()
    },
  }
}

function positive(name: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0) {
    throw new WardenError('GATEWAY_OPTIONS_INVALID', `${name} must be a positive integer, got ${value}`)
  }
  return value
}
