import { Hono } from 'hono'
import { WardenError } from '../../errors/warden-error.js'
import type { Operator } from '../auth/roles.js'
import { jsonError } from './http-error.js'
import { jsonObjectBody, requiredText } from './json-body.js'
import { type AdminEnv, requireRole } from './require-role.js'

/**
 * `GET /api/approvals?status=pending` and `POST /api/approvals/{id}` (approver). The gateway keeps no
 * approval queue yet, so no action ever waits here: the list is truthfully empty and every id is unknown
 * (404 APPROVAL_NOT_FOUND). Fake entries would let an approver believe they had decided something.
 */
export function approvalsRoutes(lookup: (token: string) => Operator | undefined): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>()
  const approver = requireRole(lookup, 'approver')

  app.get('/api/approvals', approver, (c) => {
    const status = c.req.query('status') ?? 'pending'
    if (!['pending', 'approved', 'denied', 'expired'].includes(status)) {
      throw new WardenError('REQUEST_INVALID', 'status is pending, approved, denied or expired')
    }
    return c.json({ approvals: [] })
  })

  app.post('/api/approvals/:id', approver, async (c) => {
    const body = await jsonObjectBody(c)
    if (body['decision'] !== 'approve' && body['decision'] !== 'deny') {
      throw new WardenError('REQUEST_INVALID', '"decision" is "approve" or "deny"')
    }
    requiredText(body, 'reason')
    return jsonError(c, 404, 'APPROVAL_NOT_FOUND', `no pending approval ${JSON.stringify(c.req.param('id'))}`)
  })
  return app
}
