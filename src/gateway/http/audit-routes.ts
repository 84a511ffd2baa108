import { Hono } from 'hono'
import { APPROVAL_STATUSES } from '../../approvals/approval.js'
import { queryRecords } from '../../audit/query-records.js'
import { verifyLog } from '../../audit/verify.js'
import { DECISIONS as ACTION_DECISIONS } from '../../core/action.js'
import { WardenError } from '../../errors/warden-error.js'
import type { AuditFilter } from '../../store/audit-store.js'
import type { Operator } from '../auth/roles.js'
import type { GatewayApi } from '../gateway-api.js'
import { GATEWAY_DEFAULTS } from './http-defaults.js'
import { type AdminEnv, requireRole } from './require-role.js'

// Records read per turn of the event loop by GET /api/audit/verify: with pages of 1,000 the gateway's event
// loop was held at most 12–18 ms at a time verifying 100,000 records (`npx tsx bench/run.ts history`, row
// "verify, pages of 1,000"; docs/BENCHMARKS.md).
const VERIFY_PAGE = 1_000
// What a record's `decision` can hold: an action's decision, or an approval record's status
// (approval-audit.ts writes `pending`, `approved`, ... there), so approvals can be filtered too.
const DECISIONS: ReadonlySet<string> = new Set<string>([...ACTION_DECISIONS, ...APPROVAL_STATUSES])

/**
 * Audit reads (auditor): `GET /api/audit?agent&session&since&until&decision&limit` → `{"records":[…]}`,
 * the same filters as `warden audit query`; `GET /api/audit/verify` → the `warden audit verify`
 * report, checked against the log's own public key.
 */
export function auditRoutes(
  gateway: GatewayApi,
  lookup: (token: string) => Operator | undefined,
): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>()
  const auditor = requireRole(lookup, 'auditor')

  app.get('/api/audit', auditor, async (c) => {
    const filter = auditFilter(c.req.query())
    const records = await queryRecords(gateway.audit.store.audit, filter)
    return c.json({ records })
  })

  app.get('/api/audit/verify', auditor, async (c) => {
    // Small pages: the gateway keeps serving while its log is verified (verify yields between pages).
    const report = await verifyLog(gateway.audit.store.audit, {
      publicKey: gateway.audit.key.publicKey,
      pageSize: VERIFY_PAGE,
    })
    return c.json(report)
  })
  return app
}

/** The query string as an AuditFilter; a bad time, decision or limit is REQUEST_INVALID, never ignored. */
export function auditFilter(query: Readonly<Record<string, string>>): AuditFilter {
  const known = new Set(['agent', 'session', 'since', 'until', 'decision', 'limit'])
  for (const key of Object.keys(query)) {
    if (!known.has(key)) throw new WardenError('REQUEST_INVALID', `unknown audit filter: ${key}`)
  }
  const time = (name: string) => {
    const value = query[name]
    if (value === undefined) return undefined
    const ms = Date.parse(value)
    if (Number.isNaN(ms)) throw new WardenError('REQUEST_INVALID', `${name}: not an ISO time: ${value}`)
    return new Date(ms).toISOString()
  }
  const decision = query['decision']
  if (decision !== undefined && !DECISIONS.has(decision)) {
    throw new WardenError('REQUEST_INVALID', `decision: one of ${[...DECISIONS].join(', ')}`)
  }
  const limitText = query['limit']
  if (limitText !== undefined && !/^\d{1,7}$/.test(limitText)) {
    throw new WardenError('REQUEST_INVALID', 'limit: a whole number')
  }
  const limit = Math.min(
    limitText === undefined ? GATEWAY_DEFAULTS.auditDefaultLimit : Math.max(1, Number(limitText)),
    GATEWAY_DEFAULTS.auditMaxLimit,
  )
  const entries: [keyof AuditFilter, unknown][] = [
    ['agentId', query['agent']],
    ['sessionId', query['session']],
    ['since', time('since')],
    ['until', time('until')],
    ['decision', decision],
    ['limit', limit],
  ]
  return Object.fromEntries(entries.filter(([, v]) => v !== undefined)) as AuditFilter
}
