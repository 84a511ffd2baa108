import { Hono } from 'hono'
import { WardenError } from '../../errors/warden-error.js'
import type { Operator } from '../auth/roles.js'
import type { GatewayApi } from '../gateway-api.js'
import { GATEWAY_DEFAULTS } from './http-defaults.js'
import { type AdminEnv, requireRole } from './require-role.js'

/**
 * `GET /api/incidents?agent&since&until&limit` (auditor): kill-switch and outage incidents from the store,
 * the most recent `limit`, newest last. `since` and `until` are ISO times, both inclusive.
 */
export function incidentsRoutes(
  gateway: GatewayApi,
  lookup: (token: string) => Operator | undefined,
): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>()
  app.get('/api/incidents', requireRole(lookup, 'auditor'), async (c) => {
    const agentId = c.req.query('agent')
    const sinceMs = isoTime(c.req.query('since'), 'since')
    const untilMs = isoTime(c.req.query('until'), 'until')
    const limitText = c.req.query('limit')
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
      ...(untilMs === undefined ? {} : { untilMs }),
      limit,
      order: 'oldest-first',
    })
    return c.json({ incidents })
  })
  return app
}

function isoTime(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined
  const ms = Date.parse(text)
  if (Number.isNaN(ms)) throw new WardenError('REQUEST_INVALID', `${name}: not an ISO time: ${text}`)
  return ms
}
