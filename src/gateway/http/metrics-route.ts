import { Hono } from 'hono'
import type { GatewayApi } from '../gateway-api.js'
import { killSwitchAvailable } from './health-route.js'
import type { CallMetrics } from './metrics.js'

/** One upstream MCP server's connection, as the gateway reports it. */
export interface UpstreamHealth {
  readonly name: string
  readonly state: 'connecting' | 'up' | 'down' | 'closed'
  readonly restarts: number
}

/**
 * `GET /metrics` (Prometheus text): tool calls by decision, the latency histogram, the kill-switch state
 * (emergency stop, agents per state, whether this instance can admit at all) and the live MCP sessions.
 * Open like /healthz, as scrapers expect: it carries counts, never names of tools or arguments.
 */
export function metricsRoute(
  gateway: GatewayApi,
  metrics: CallMetrics,
  sessions: () => number,
  upstreams: () => readonly UpstreamHealth[] = () => [],
): Hono {
  const app = new Hono()
  app.get('/metrics', (c) => {
    const ks = gateway.killSwitch
    const states = { active: 0, paused: 0, terminated: 0 }
    for (const status of ks.list()) states[status.state] += 1
    const available = killSwitchAvailable(gateway) ? 1 : 0
    const lines = [
      ...metrics.render(),
      '# HELP warden_emergency_stop Whether an emergency stop is in force (1) or not (0).',
      '# TYPE warden_emergency_stop gauge',
      `warden_emergency_stop ${ks.emergency().active ? 1 : 0}`,
      '# HELP warden_agents Agents with a recorded kill-switch state, by state.',
      '# TYPE warden_agents gauge',
      ...Object.entries(states).map(([state, n]) => `warden_agents{state="${state}"} ${n}`),
      '# HELP warden_kill_switch_available Whether this instance hears its kill-switch bus (0: every call is denied).',
      '# TYPE warden_kill_switch_available gauge',
      `warden_kill_switch_available ${available}`,
      '# HELP warden_mcp_sessions Live MCP sessions over Streamable HTTP.',
      '# TYPE warden_mcp_sessions gauge',
      `warden_mcp_sessions ${sessions()}`,
      '# HELP warden_audit_records_lost_total Audit records queued without waiting (outcomes) that the store did not take.',
      '# TYPE warden_audit_records_lost_total counter',
      `warden_audit_records_lost_total ${gateway.audit.lost}`,
      ...upstreamLines(upstreams()),
    ]
    c.header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
    return c.body(`${lines.join('\n')}\n`)
  })
  return app
}

function upstreamLines(upstreams: readonly UpstreamHealth[]): string[] {
  if (upstreams.length === 0) return []
  // Upstream names are config keys ([A-Za-z0-9_-]), safe as label values.
  return [
    '# HELP warden_upstream_up Whether the upstream MCP server is connected (1) or not (0).',
    '# TYPE warden_upstream_up gauge',
    ...upstreams.map((u) => `warden_upstream_up{upstream="${u.name}"} ${u.state === 'up' ? 1 : 0}`),
    '# HELP warden_upstream_restarts_total Times the upstream MCP server was restarted after a failure.',
    '# TYPE warden_upstream_restarts_total counter',
    ...upstreams.map((u) => `warden_upstream_restarts_total{upstream="${u.name}"} ${u.restarts}`),
  ]
}
