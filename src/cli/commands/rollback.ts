import { randomUUID } from 'node:crypto'
import { AuditLog } from '../../audit/audit-log.js'
import { auditLogOptionsFor } from '../../audit/commands/audit-context.js'
import type { AuditEntryInput } from '../../audit/record.js'
import { errorBody, WardenError } from '../../errors/warden-error.js'
import { openStore } from '../../store/open-store.js'
import { openGovernedTools } from '../../tools/governed-tools.js'
import { parseOptions } from '../args.js'
import { loadCliConfig, storeUrlOf } from '../config-option.js'
import { type CliIO, EXIT, write } from '../io.js'

const USAGE = 'usage: warden rollback ACTION_ID --reason TEXT [--as NAME] [--config FILE] [--store URL]'

/**
 * `warden rollback ACTION_ID`: restores what a governed action changed (files byte for byte from their
 * content-addressed snapshots, rows from their before-images), as an audited operator action: an intent record
 * before anything is touched (not written → nothing restored) and an outcome record with what was restored
 * and what could not be. Exit 0 when everything was restored, 1 otherwise.
 */
export async function rollbackCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions(
    argv,
    { reason: { type: 'string' }, as: { type: 'string' }, store: { type: 'string' } },
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
  const store = await openStore(storeUrlOf(values, loaded), { cwd: io.cwd })
  const operator = values.as ?? io.env['USER'] ?? 'operator'
  try {
    const log = await AuditLog.open(store, auditLogOptionsFor(loaded.config, store, io.cwd))
    const governed = await openGovernedTools({
      governed: loaded.config.governed,
      cwd: io.cwd,
      policyOf: () => undefined,
    })
    try {
      const entry: AuditEntryInput = {
        phase: 'intent',
        actionId: `rollback-${randomUUID()}`,
        agentId: `operator:${operator}`,
        action: 'warden.rollback',
        inputs: { actionId, reason: values.reason },
        user: operator,
        permissions: [],
        guardrailsApplied: [],
        reasoning: values.reason,
        decision: 'allow',
        risk: 'high',
        reasons: [{ stage: 'operator', code: 'ROLLBACK', message: `${operator}: ${values.reason}` }],
        trace: [],
      }
      await log.append(entry) // fail closed: no record of the intent, no rollback
      let outcome: AuditEntryInput
      let report: unknown
      let ok = false
      try {
        const result = await governed.rollback(actionId)
        report = result
        ok = result.failed.length === 0
        outcome = { ...entry, phase: 'outcome', outputs: { report: result }, success: ok }
      } catch (error) {
        const body = errorBody(error)
        report = { actionId, error: body }
        outcome = {
          ...entry,
          phase: 'outcome',
          success: false,
          errorDetails: `${body.code}: ${body.message}`,
        }
      }
      await log.append(outcome)
      await log.close()
      await write(io.stdout, `${JSON.stringify(report)}\n`)
      return ok ? EXIT.ok : EXIT.failure
    } finally {
      await governed.close()
    }
  } finally {
    await store.close()
  }
}
