import { publicKeyFor, withAuditContext } from '../../audit/commands/audit-context.js'
import { verifyLog } from '../../audit/verify.js'
import { errorBody, WardenError } from '../../errors/warden-error.js'
import { loadSqlParser } from '../../policy/database/sql-parser.js'
import { buildMonthlyReport } from '../../report/monthly-report.js'
import { buildPermissionsReport } from '../../report/permissions-report.js'
import { type Report, renderMarkdown } from '../../report/render-markdown.js'
import type { ReportInputs } from '../../report/report-inputs.js'
import { recordOf, windowRecords } from '../../report/report-records.js'
import { REPORT_KINDS, type ReportKind, reportWindow } from '../../report/report-window.js'
import { buildWeeklyReport } from '../../report/weekly-report.js'
import type { AuditStore } from '../../store/audit-store.js'
import { parseOptions } from '../args.js'
import { type CliIO, EXIT, write } from '../io.js'

const USAGE =
  'usage: warden report weekly|monthly|permissions [--since ISO] [--until ISO] [--format json|markdown]\n' +
  '       [--config FILE] [--store URL] [--bus URL]\n' +
  '--bus is checked but unused: a report publishes nothing on the bus.'

const BUILDERS: Readonly<Record<ReportKind, (inputs: ReportInputs) => Promise<Report>>> = {
  weekly: buildWeeklyReport,
  monthly: buildMonthlyReport,
  permissions: buildPermissionsReport,
}

/**
 * `warden report weekly|monthly|permissions`: the seed's regular audits from the audit log, incidents,
 * approvals and the configuration (docs/reports.md). The log is verified first, as `warden audit verify`
 * does. Exit 0, 2 when the log fails verification (the report still prints, with the problems), 1 on
 * bad input or an unreachable store.
 */
export async function reportCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions(
    argv,
    {
      since: { type: 'string' },
      until: { type: 'string' },
      format: { type: 'string' },
      store: { type: 'string' },
      bus: { type: 'string' },
    },
    true,
  )
  const [kind, ...extra] = positionals
  if (!isReportKind(kind) || extra.length > 0) {
    throw new WardenError('USAGE', USAGE)
  }
  const format = values.format ?? 'json'
  if (format !== 'json' && format !== 'markdown')
    throw new WardenError('USAGE', `--format is json or markdown\n${USAGE}`)
  const window = reportWindow(kind, values, Date.now())
  return withAuditContext(values, io, async ({ config, store, keyDir }) => {
    const integrity = await verifyLog(store.audit, { publicKey: publicKeyFor(undefined, keyDir, io.cwd) })
    // Database grants are attributed with the policy's own PostgreSQL parser.
    if (kind === 'permissions') await loadSqlParser()
    // Only the weekly report reads incidents and approvals, those of its window.
    const weekly = kind === 'weekly'
    const span = { sinceMs: Date.parse(window.since), untilMs: Date.parse(window.until) }
    const report = await BUILDERS[kind]({
      window,
      generatedAt: new Date().toISOString(),
      records: windowRecords(store.audit, window),
      integrity,
      incidents: weekly ? await store.incidents.list(span) : [],
      approvals: weekly ? await store.approvals.list(span) : [],
      config,
      agentOfAction: (actionId) => agentOf(store.audit, actionId),
    })
    const text = format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : renderMarkdown(report)
    await write(io.stdout, text)
    if (integrity.ok) return EXIT.ok
    const unverified = new WardenError(
      'REPORT_AUDIT_UNVERIFIED',
      `the audit log failed verification: ${integrity.problems.length} problem(s); the report's figures cannot be trusted`,
    )
    await write(io.stderr, `${JSON.stringify({ error: errorBody(unverified) })}\n`)
    return EXIT.denied
  })
}

function isReportKind(name: string | undefined): name is ReportKind {
  return (REPORT_KINDS as readonly (string | undefined)[]).includes(name)
}

async function agentOf(audit: AuditStore, actionId: string): Promise<string | undefined> {
  const [row] = await audit.query({ actionId, limit: 1 })
  return row === undefined ? undefined : recordOf(row.body)?.agentId
}
