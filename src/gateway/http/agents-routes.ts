import { Hono } from 'hono'
import type { Operator } from '../auth/roles.js'
import type { GatewayApi } from '../gateway-api.js'
import { jsonObjectBody, optionalText, requiredText } from './json-body.js'
import { type AdminEnv, requireRole } from './require-role.js'

const ACTS = ['pause', 'resume', 'terminate'] as const

/**
 * The kill switch over HTTP (admin only): `GET /api/agents`, `POST /api/agents/{id}/pause|resume|terminate`,
 * `POST /api/emergency-stop`, `POST /api/emergency-stop/clear`, each with `{"reason"}`. The incident log
 * names the operator as `api:<token name>`.
 */
export function agentsRoutes(
  gateway: GatewayApi,
  lookup: (token: string) => Operator | undefined,
): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>()
  const admin = requireRole(lookup, 'admin')
  const ks = gateway.killSwitch
  const actor = (operator: Operator) => `api:${operator.name}`

  app.get('/api/agents', admin, (c) => {
    const ids = new Set([...Object.keys(gateway.config.config.agents), ...ks.list().map((s) => s.agentId)])
    const agents = [...ids].sort().map((id) => {
      const configured = gateway.config.config.agents[id]
      return {
        ...ks.status(id),
        configured: configured !== undefined,
        ...(configured?.description === undefined ? {} : { description: configured.description }),
      }
    })
    return c.json({ agents, emergencyStop: ks.emergency() })
  })

  for (const act of ACTS) {
    app.post(`/api/agents/:id/${act}`, admin, async (c) => {
      const reason = requiredText(await jsonObjectBody(c), 'reason')
      const status = await ks[act](c.req.param('id'), reason, actor(c.get('operator')))
      return c.json(status)
    })
  }

  app.post('/api/emergency-stop', admin, async (c) => {
    const reason = requiredText(await jsonObjectBody(c), 'reason')
    return c.json({ emergencyStop: await ks.emergencyStop(reason, actor(c.get('operator'))) })
  })

  // DESIGN.md gives this route no body: a reason is optional here (the stop itself always needs one).
  app.post('/api/emergency-stop/clear', admin, async (c) => {
    const reason = optionalText(await jsonObjectBody(c), 'reason', 'cleared through the admin API')
    return c.json({ emergencyStop: await ks.clearEmergency(reason, actor(c.get('operator'))) })
  })
  return app
}
