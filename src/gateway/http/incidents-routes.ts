import { Hono } from 'hono'
import { WardenError } from '../../errors/warden-error.js'
import type { Operator } from '../auth/roles.js'
import type { GatewayApi } from '../gateway-api.js'
import { GATEWAY_DEFAULTS } from './http-defaults.js'
import { type AdminEnv, requireRole } from './require-role.js'

/** `GET /api/incidents?agent&since&limit` (auditor): kill-switch and outage incidents, newest last. */
export function incidentsRoutes(
  gateway: GatewayApi,
  lookup: (token: string) => Operator | undefined,
): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>()
  app.get('/api/incidents', requireRole(lookup, 'auditor'), async (c) => {
    const agentId = c.req.query('agent')
    const since = c.req.query('since')
    const limitText = c.req.query('limit')
    const sinceMs = since === undefined ? undefined : Date.parse(since)
    if (sinceMs !== undefined && Number.isNaN(sinceMs)) {
      throw new WardenError('REQUEST_INVALID', `since: not an ISO time: ${since}`)
    }
    if (limitText !== undefined && !/^\d{1,7}$/.test(limitText)) {
      throw new WardenError('REQUEST_INVALID', 'limit: a whole number')
    }
    const limit = Math.min(
      limitText === undefined ? GATEWAY_DEFAULTS.auditDefaultLimit : Math.max(1, Number(limitText)),
      GATEWAY_DEFAULTS.auditMaxLimit,
    )
    const incidents = await gateway.incidents.list({
      ...(agentId === undefined ? {} : { agentId }),
      ...(sinceMs === undefined ? {} : { sinceMs }),
      limit,
    })
    return c.json({ incidents })
  })
  return app
}
