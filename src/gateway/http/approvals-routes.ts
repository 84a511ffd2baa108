import { Hono } from 'hono'
import { APPROVAL_STATUSES, type ApprovalStatus } from '../../approvals/approval.js'
import type { ApprovalService } from '../../approvals/approval-service.js'
import { WardenError } from '../../errors/warden-error.js'
import type { Operator } from '../auth/roles.js'
import { jsonObjectBody, requiredText } from './json-body.js'
import { type AdminEnv, requireRole } from './require-role.js'

/**
 * `GET /api/approvals?status=pending` and `POST /api/approvals/{id}` `{"decision":"approve"|"deny","reason"}`
 * (role approver). The approver is the operator the bearer token names, never a name in the body: quorum,
 * self-approval and routing checks all rest on who is really deciding.
 */
export function approvalsRoutes(
  lookup: (token: string) => Operator | undefined,
  approvals: ApprovalService,
): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>()
  const approver = requireRole(lookup, 'approver')

  app.get('/api/approvals', approver, async (c) => {
    const status = c.req.query('status') ?? 'pending'
    if (!(APPROVAL_STATUSES as readonly string[]).includes(status)) {
      throw new WardenError('REQUEST_INVALID', `status is one of ${APPROVAL_STATUSES.join(', ')}`)
    }
    const limit = Number(c.req.query('limit') ?? 100)
    if (!Number.isInteger(limit) || limit < 1 || limit > 1_000)
      throw new WardenError('REQUEST_INVALID', 'limit is 1..1000')
    return c.json({ approvals: await approvals.list({ status: status as ApprovalStatus, limit }) })
  })

  app.post('/api/approvals/:id', approver, async (c) => {
    const body = await jsonObjectBody(c)
    const decision = body['decision']
    if (decision !== 'approve' && decision !== 'deny') {
      throw new WardenError('REQUEST_INVALID', '"decision" is "approve" or "deny"')
    }
    const reason = requiredText(body, 'reason')
    const request = await approvals.decide(c.req.param('id'), c.get('operator').name, decision, reason)
    return c.json({ approval: request })
  })
  return app
}
