import { randomUUID } from 'node:crypto'
import { createInterface } from 'node:readline'
import { AuditLog } from '../../audit/audit-log.js'
import { auditLogOptionsFor } from '../../audit/commands/audit-context.js'
import { DEFAULTS } from '../../config/defaults.js'
import type { LoadedConfig } from '../../config/load.js'
import { newActionId } from '../../core/action-id.js'
import { parseAction } from '../../core/parse-action.js'
import type { Evaluation } from '../../core/pipeline.js'
import { decisionEntry } from '../../engine/decision-entry.js'
import { createEngine, type Engine } from '../../engine/engine.js'
import { errorBody } from '../../errors/warden-error.js'
import { killSwitchGate } from '../../killswitch/gate-stage.js'
import type { AgentKillSwitch } from '../../killswitch/kill-switch.js'
import { simulatedKillSwitch } from '../../killswitch/simulated-kill-switch.js'
import { openStore } from '../../store/open-store.js'
import { parseOptions } from '../args.js'
import { busUrlOf, loadCliConfig, storeUrlOf } from '../config-option.js'
import { type CliIO, EXIT, write } from '../io.js'

/**
 * `warden check`: JSON Lines of actions on stdin, evaluated in order as one agent session would make them
 * (rate limits carry from line to line, and a `pause` decision stops the agent for its later lines as the
 * gateway would pause it, in a kill switch of this run only; `time` simulates the clock); one decision line per input line,
 * each written to the audit store unless `--no-audit`. Exit 0 when every action is allowed outright, 2 when
 * any is not, 1 when any line is invalid.
 */
export async function checkCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const { values } = parseOptions(argv, {
    store: { type: 'string' },
    bus: { type: 'string' },
    'no-audit': { type: 'boolean' },
  })
  const loaded = loadCliConfig(values, io)
  busUrlOf(values, loaded) // checked like every command's; check publishes nothing (its kill switch is its own)
  const killSwitch = await simulatedKillSwitch()
  try {
    const engine = await createEngine(loaded, { gate: [killSwitchGate(killSwitch)] })
    const session: Session = { engine, killSwitch }
    try {
      if (values['no-audit'] === true) return await checkLines(session, undefined, io)
      const { log, close } = await openAudit(loaded, values.store, io)
      try {
        return await checkLines(session, log, io)
      } finally {
        await close()
      }
    } finally {
      await engine.close()
    }
  } finally {
    await killSwitch.close()
  }
}

async function openAudit(loaded: LoadedConfig, storeOption: string | undefined, io: CliIO) {
  const store = await openStore(storeUrlOf({ store: storeOption }, loaded), { cwd: io.cwd })
  try {
    const log = await AuditLog.open(store, auditLogOptionsFor(loaded.config, store, io.cwd))
    return {
      log,
      close: async () => {
        await log.close()
        await store.close()
      },
    }
  } catch (error) {
    await store.close()
    throw error
  }
}

/** What carries from line to line: the engine's counters and labels, and the run's own kill switch. */
interface Session {
  readonly engine: Engine
  readonly killSwitch: AgentKillSwitch
}

async function checkLines(session: Session, log: AuditLog | undefined, io: CliIO): Promise<number> {
  let invalid = false
  let notAllowed = false
  let lineNo = 0
  const lines = createInterface({ input: io.stdin, crlfDelay: Number.POSITIVE_INFINITY })
  for await (const line of lines) {
    lineNo++
    if (line.trim() === '') continue
    const out = await checkLine(line, lineNo, session, log)
    if ('error' in out) invalid = true
    else if (out['decision'] !== 'allow') notAllowed = true
    await write(io.stdout, `${JSON.stringify(out)}\n`)
  }
  if (invalid) return EXIT.failure
  return notAllowed ? EXIT.denied : EXIT.ok
}

async function checkLine(
  line: string,
  lineNo: number,
  { engine, killSwitch }: Session,
  log: AuditLog | undefined,
): Promise<Record<string, unknown>> {
  if (Buffer.byteLength(line) > DEFAULTS.maxActionLineBytes) {
    return failure(
      undefined,
      'INPUT_TOO_LARGE',
      `line ${lineNo}: larger than ${DEFAULTS.maxActionLineBytes} bytes`,
    )
  }
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch (error) {
    return failure(undefined, 'INVALID_JSON', `line ${lineNo}: ${(error as Error).message}`)
  }
  const rawId = (value as { id?: unknown } | null)?.id
  const parsed = parseAction(value)
  if (!parsed.ok) {
    return failure(
      typeof rawId === 'string' ? rawId : undefined,
      parsed.code,
      `line ${lineNo}: ${parsed.message}`,
    )
  }
  const action = { ...parsed.action, id: parsed.action.id ?? newActionId() }
  const evaluation = await engine.evaluate(action, parsed.time)
  const now = parsed.time ?? Date.now()
  if (evaluation.decision === 'pause') {
    const codes = evaluation.reasons.map((r) => r.code).join(', ')
    await killSwitch
      .pause(action.agent, `paused by warden check: ${codes}`, 'warden:check')
      .catch(() => undefined)
  }
  try {
    // What the tool returned (the line's "result") labels the session for the flow rules of later lines.
    await engine.behavior.recordEvaluation(evaluation.action, evaluation.decision, parsed.result, now)
  } catch (error) {
    return deniedLine(action.id, evaluation, 'behavior', error)
  }
  if (log !== undefined) {
    try {
      await log.append(decisionEntry(action, evaluation, engine.permissionsOf(action.agent), new Date(now)))
    } catch (error) {
      // A decision that cannot be recorded is not a decision Warden stands behind: fail closed.
      return deniedLine(action.id, evaluation, 'audit', error)
    }
  }
  return decisionLine(action.id, evaluation)
}

/** The line for a decision that a failing stage after the pipeline (behavior store, audit) turned into a deny. */
function deniedLine(id: string, e: Evaluation, stage: string, error: unknown): Record<string, unknown> {
  const { code, message } = errorBody(error)
  return { id, decision: 'deny', risk: e.risk, reasons: [{ stage, code, message }] }
}

function decisionLine(id: string, e: Evaluation): Record<string, unknown> {
  const out: Record<string, unknown> = { id, decision: e.decision, risk: e.risk, reasons: e.reasons }
  if (e.rewritten) out['args'] = e.action.args
  return out
}

function failure(id: string | undefined, code: string, message: string): Record<string, unknown> {
  return { id: id ?? randomUUID(), error: { code, message } }
}
