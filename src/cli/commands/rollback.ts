import { randomUUID } from 'node:crypto'
import { ApprovalService } from '../../approvals/approval-service.js'
import { approvalSettings } from '../../approvals/from-config.js'
import { AuditLog } from '../../audit/audit-log.js'
import { auditLogOptionsFor } from '../../audit/commands/audit-context.js'
import type { AuditEntryInput } from '../../audit/record.js'
import type { Action } from '../../core/action.js'
import type { Evaluation } from '../../core/pipeline.js'
import { errorBody, WardenError } from '../../errors/warden-error.js'
import { approvalAuditEntry } from '../../gateway/approval-audit.js'
import { openStore } from '../../store/open-store.js'
import { openGovernedTools } from '../../tools/governed-tools.js'
import { evaluateRollback, rollbackAction } from '../../tools/rollback-action.js'
import { rollbackPreview } from '../../tools/rollback-preview.js'
import { parseOptions } from '../args.js'
import { busUrlOf, loadCliConfig, storeUrlOf } from '../config-option.js'
import { type CliIO, EXIT, write } from '../io.js'

const USAGE =
  'usage: warden rollback ACTION_ID --reason TEXT [--as NAME] [--config FILE] [--store URL] [--bus URL]\n' +
  '--bus is checked but unused: a rollback publishes nothing on the bus.'

/**
 * `warden rollback ACTION_ID`: restores what a governed action changed (files byte for byte from their
 * content-addressed snapshots, rows from their before-images). The rollback is itself a governed action,
 * `warden.rollback` (risk high): it needs `approvals.rollbackControl` (approve by default), so the first run
 * files an approval request and exits 2 with its id, and the same command run again after approval restores
 * exactly once. Every step is audited: the decision, the intent before anything is touched (not written →
 * nothing restored) and the outcome. Exit 0 when everything was restored, 2 when refused or pending, 1 otherwise.
 */
export async function rollbackCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions(
    argv,
    {
      reason: { type: 'string' },
      as: { type: 'string' },
      store: { type: 'string' },
      bus: { type: 'string' },
    },
    true,
  )
  const [actionId, ...extra] = positionals
  if (
    actionId === undefined ||
    extra.length > 0 ||
    values.reason === undefined ||
    values.reason.trim() === ''
  ) {
    throw new WardenError('USAGE', USAGE)
  }
  const loaded = loadCliConfig(values, io)
  busUrlOf(values, loaded)
  const store = await openStore(storeUrlOf(values, loaded), { cwd: io.cwd })
  const operator = values.as ?? io.env['USER'] ?? 'operator'
  try {
    const log = await AuditLog.open(store, auditLogOptionsFor(loaded.config, store, io.cwd))
    try {
      const action = { ...rollbackAction(operator, actionId, values.reason), id: `rollback-${randomUUID()}` }
      const evaluation = await evaluateRollback(loaded, action)
      const decided = decisionEntry(action, evaluation, operator, values.reason)
      if (evaluation.decision !== 'allow') {
        const approvals = new ApprovalService({
          store: store.approvals,
          ...approvalSettings(loaded.config),
          audit: (event) => log.append(approvalAuditEntry(event)).then(() => undefined),
        })
        const refused = await refusalOf(approvals, action, evaluation, io.cwd)
        if (refused !== undefined) {
          await log.append(decided)
          await write(io.stdout, `${JSON.stringify({ actionId, ...refused })}\n`)
          return EXIT.denied
        }
      }
      const { ok, report } = await restore(log, decided, actionId, loaded, io.cwd)
      await write(io.stdout, `${JSON.stringify(report)}\n`)
      return ok ? EXIT.ok : EXIT.failure
    } finally {
      await log.close()
    }
  } finally {
    await store.close()
  }
}

/** Why the rollback may not run now (a deny, or an approval pending, denied or expired), else undefined. */
async function refusalOf(
  approvals: ApprovalService,
  action: Action & { id: string },
  evaluation: Evaluation,
  cwd: string,
): Promise<Record<string, unknown> | undefined> {
  const { decision, risk, reasons } = evaluation
  if (decision === 'deny' || decision === 'pause') {
    const first = reasons.find((r) => r.code !== 'RISK_HIGH') ?? reasons[0]
    return { decision: 'deny', code: first?.code ?? 'DENIED', reason: first?.message ?? 'refused', risk }
  }
  const dryRun = await rollbackPreview(cwd, String(action.args['actionId'])).catch((error: unknown) => ({
    dryRunFailed: errorBody(error).message,
  }))
  const gated = await approvals.gate(action, evaluation, { dryRun })
  if (gated.proceed) return undefined
  const { code, reason, approvalId } = gated
  return { decision, code, reason, approvalId, risk, reasons }
}

async function restore(
  log: AuditLog,
  decided: AuditEntryInput,
  actionId: string,
  loaded: ReturnType<typeof loadCliConfig>,
  cwd: string,
): Promise<{ ok: boolean; report: unknown }> {
  const governed = await openGovernedTools({
    governed: loaded.config.governed,
    cwd,
    policyOf: () => undefined,
  })
  try {
    const intent: AuditEntryInput = { ...decided, phase: 'intent' }
    await log.append(intent) // fail closed: no record of the intent, no rollback
    try {
      const result = await governed.rollback(actionId)
      const ok = result.failed.length === 0
      await log.append({ ...intent, phase: 'outcome', outputs: { report: result }, success: ok })
      return { ok, report: result }
    } catch (error) {
      const body = errorBody(error)
      await log.append({
        ...intent,
        phase: 'outcome',
        success: false,
        errorDetails: `${body.code}: ${body.message}`,
      })
      return { ok: false, report: { actionId, error: body } }
    }
  } finally {
    await governed.close()
  }
}

function decisionEntry(
  action: Action & { id: string },
  evaluation: Evaluation,
  operator: string,
  reason: string,
): AuditEntryInput {
  return {
    phase: 'decision',
    actionId: action.id,
    agentId: action.agent,
    ...(action.session === undefined ? {} : { sessionId: action.session }),
    action: action.tool,
    inputs: { actionId: action.args['actionId'], reason },
    user: operator,
    permissions: [],
    guardrailsApplied: [],
    reasoning: reason,
    decision: evaluation.decision,
    risk: evaluation.risk,
    reasons: [
      { stage: 'operator', code: 'ROLLBACK', message: `${operator}: ${reason}` },
      ...evaluation.reasons,
    ],
    trace: evaluation.trace,
  }
}
