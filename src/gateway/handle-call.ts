import type { ApprovalService } from '../approvals/approval-service.js'
import type { AuditLog } from '../audit/audit-log.js'
import type { AuditEntryInput } from '../audit/record.js'
import { type Action, isMoreRestrictive } from '../core/action.js'
import { newActionId } from '../core/action-id.js'
import type { Evaluation } from '../core/pipeline.js'
import { decisionEntry } from '../engine/decision-entry.js'
import type { Engine } from '../engine/engine.js'
import { errorBody } from '../errors/warden-error.js'
import type { ScoredText } from '../flow/scored-text.js'
import type { AgentKillSwitch } from '../killswitch/kill-switch.js'
import { dryRunFor, gateApproval } from './approval-gate.js'
import type { GatewayCall, GatewayCallOptions } from './gateway-api.js'
import { namedToolActions } from './named-tools.js'
import type { FilteredResult, OutputFacts, OutputFilter } from './output-filter.js'
import { refusal } from './refusal.js'
import type { SessionHistory } from './session-history.js'
import type { ToolResult, ToolSource } from './tool-source.js'

/** What one call needs from the running gateway. */
export interface CallDeps {
  readonly engine: Engine
  readonly audit: AuditLog
  readonly killSwitch: AgentKillSwitch
  /** The source that runs a canonical tool name, if any does now. */
  readonly route: (tool: string) => ToolSource | undefined
  /** Output guardrails over a tool's result (redaction, format, content, spotlighting). */
  readonly filterOutput?: OutputFilter
  /** Told every decision (the behavior stage learns probing from repeated denials). */
  readonly afterDecision?: (
    action: Action & { id: string },
    decision: Evaluation['decision'],
  ) => Promise<void>
  /** Told what ran and what it returned (unfiltered) (flow labels, impact sums), after the outcome is recorded. */
  readonly afterOutcome?: (
    action: Action & { id: string },
    result: ToolResult,
    facts: OutputFacts | undefined,
    scored: ScoredText | undefined,
  ) => Promise<void>
  readonly now: () => number
  /** Decides whether a confirm/approve/multi_approve/review decision may run now; without it those are refused. */
  readonly approvals?: ApprovalService
  /** Recent decisions per session, shown to approvers beside a request. */
  readonly history?: SessionHistory
  /** The canonical name of a tool the gateway offers, given its canonical or wire name (meta-tool check). */
  readonly knownTool?: (name: string) => string | undefined
}

/**
 * One tool call through the whole path (docs/pipeline.md): decide; refuse with a coded tool error, or write
 * the intent record, run the tool, filter its output and write the outcome. Never throws: every failure is a
 * refusal, and nothing runs whose intent was not recorded (fail closed).
 */
export async function handleCall(
  deps: CallDeps,
  call: GatewayCall,
  options: GatewayCallOptions,
): Promise<ToolResult> {
  const action: Action & { id: string } = {
    id: call.id ?? newActionId(),
    agent: call.agentId,
    session: call.sessionId,
    tool: call.tool,
    args: call.args,
    ...(call.context === undefined ? {} : { context: call.context }),
  }
  const at = deps.now()
  const evaluation = await evaluateWithNamedTools(deps, action, at)
  if (deps.afterDecision !== undefined)
    await deps.afterDecision(action, evaluation.decision).catch(() => undefined)
  const decided = decisionEntry(action, evaluation, deps.engine.permissionsOf(action.agent), new Date(at))
  const { decision } = evaluation
  // What the approver sees of the session: the decisions before this one (read before this one is added).
  const history =
    decision === 'allow' ||
    decision === 'deny' ||
    decision === 'pause' ||
    deps.history === undefined ||
    deps.approvals === undefined
      ? undefined
      : deps.history.recent(action.agent, action.session ?? '', deps.approvals.settings.historyEntries)
  deps.history?.record(action.agent, action.session ?? '', {
    tool: action.tool,
    decision,
    at,
    args: action.args,
  })
  if (decision === 'deny' || decision === 'pause' || (decision !== 'allow' && deps.approvals === undefined)) {
    return refuse(deps, action, evaluation, decided)
  }
  if (decision !== 'allow' && deps.approvals !== undefined) {
    const dryRun = await dryRunFor(deps.route, action, evaluation, options)
    const held = await gateApproval({
      approvals: deps.approvals,
      action,
      evaluation,
      context: {
        ...(dryRun === undefined ? {} : { dryRun }),
        ...(history === undefined || history.length === 0 ? {} : { history }),
      },
      options,
      now: deps.now,
    })
    if (held !== undefined) {
      await deps.audit.append(decided).catch(() => undefined)
      return held
    }
  }

  const source = deps.route(evaluation.action.tool)
  if (source === undefined) {
    return refuseWith(
      deps,
      action,
      decided,
      'TOOL_UNAVAILABLE',
      `no running source offers ${action.tool} now`,
    )
  }
  try {
    await deps.audit.append({ ...decided, phase: 'intent' })
  } catch (error) {
    const { code, message } = errorBody(error)
    return refusal(action.id, 'deny', code, `${message}; the action did not run (fail closed)`)
  }
  const result = await run(source, evaluation, action, call, options)
  const {
    result: filtered,
    facts,
    captured,
    scored,
  } = await filter(deps, { ...evaluation.action, id: action.id }, result)
  // Queued in order behind the intent, not awaited: the answer does not wait for the outcome's commit (docs/audit.md).
  recordOutcome(deps.audit, decided, filtered, facts, captured)
  // The flow rules label the session from what the tool really returned, before redaction or quarantine.
  if (deps.afterOutcome !== undefined)
    await deps.afterOutcome(action, result, facts, scored).catch(() => undefined)
  return filtered
}

async function filter(
  deps: CallDeps,
  action: Action & { id: string },
  result: ToolResult,
): Promise<Omit<FilteredResult, 'facts'> & { facts: OutputFacts | undefined }> {
  if (deps.filterOutput === undefined) return { result, facts: undefined }
  try {
    return await deps.filterOutput(action, result)
  } catch (error) {
    // The tool ran, but what it returned could not be checked: withhold it rather than pass it unchecked.
    const { message } = errorBody(error)
    return { result: refusal(action.id, 'deny', 'OUTPUT_FILTER_FAILED', message), facts: undefined }
  }
}

/**
 * The action's own evaluation, made as restrictive as that of any tool it names (a meta-tool cannot launder
 * a call: `run_tool {name: "files.delete"}` gets files.delete's decision if that is stricter).
 */
async function evaluateWithNamedTools(
  deps: CallDeps,
  action: Action & { id: string },
  at: number,
): Promise<Evaluation> {
  const own = await deps.engine.evaluate(action, at)
  if (own.decision === 'deny' || deps.knownTool === undefined) return own
  let result = own
  for (const named of namedToolActions(action, deps.knownTool).slice(0, 16)) {
    const inner = await deps.engine.evaluate(named, at)
    if (isMoreRestrictive(inner.decision, result.decision)) {
      const reasons = inner.reasons.map((r) => ({
        ...r,
        message: `as ${named.tool} (named in the arguments): ${r.message}`,
      }))
      result = {
        ...own,
        decision: inner.decision,
        risk: inner.risk,
        reasons: [...own.reasons, ...reasons],
        trace: [...own.trace, ...inner.trace],
      }
    }
  }
  return result
}

async function run(
  source: ToolSource,
  evaluation: Evaluation,
  action: Action & { id: string },
  call: GatewayCall,
  options: GatewayCallOptions,
): Promise<ToolResult> {
  try {
    return await source.call(evaluation.action.tool, evaluation.action.args, {
      signal: options.signal,
      actionId: action.id,
      agentId: action.agent,
      ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
      ...(call.dryRun === true ? { dryRun: true } : {}),
    })
  } catch (error) {
    const { message } = errorBody(error)
    return refusal(action.id, evaluation.decision, 'TOOL_SOURCE_FAILED', `${source.name}: ${message}`)
  }
}

async function refuse(
  deps: CallDeps,
  action: Action & { id: string },
  evaluation: Evaluation,
  decided: AuditEntryInput,
): Promise<ToolResult> {
  // The reason of the stage whose verdict decided (the most restrictive), not merely the first one.
  const deciding = [...evaluation.trace].reverse().find((t) => t.verdict === evaluation.decision)
  const first =
    (deciding === undefined
      ? undefined
      : evaluation.reasons.find((r) => r.stage === deciding.stage && r.code === deciding.code)) ??
    evaluation.reasons[0]
  const code = first?.code ?? 'DENIED'
  let reason = first?.message ?? 'refused'
  if (evaluation.decision === 'pause') {
    // The pipeline decided the agent must stop: pause it everywhere, then refuse.
    await deps.killSwitch.pause(action.agent, `${code}: ${reason}`, 'warden:pipeline').catch(() => undefined)
  } else if (evaluation.decision !== 'deny') {
    // confirm / approve / multi_approve need a person; without an approval workflow the action is refused.
    reason = `${evaluation.decision} required (${reason}); no approval workflow is configured, so the action is refused`
  }
  await deps.audit.append(decided).catch(() => undefined) // the refusal stands whether or not it was recorded
  return refusal(action.id, evaluation.decision, code, reason, {
    risk: evaluation.risk,
    reasons: evaluation.reasons,
  })
}

async function refuseWith(
  deps: CallDeps,
  action: Action & { id: string },
  decided: AuditEntryInput,
  code: string,
  reason: string,
): Promise<ToolResult> {
  await deps.audit
    .append({
      ...decided,
      decision: 'deny',
      reasons: [...decided.reasons, { stage: 'execute', code, message: reason }],
    })
    .catch(() => undefined)
  return refusal(action.id, 'deny', code, reason)
}

function recordOutcome(
  audit: AuditLog,
  decided: AuditEntryInput,
  result: ToolResult,
  facts: OutputFacts | undefined,
  captured: (() => unknown) | undefined,
): void {
  const failed = result.isError === true
  const first = result.content?.[0]
  const text = first !== undefined && first.type === 'text' ? first.text : undefined
  // The tool has run: a lost outcome is counted (AuditLog.lost, /metrics) and shows as an `interrupted` intent.
  audit.enqueue({
    ...decided,
    phase: 'outcome',
    outputs: { result, ...(facts === undefined ? {} : { guardrails: facts }) },
    // The output stage's scan, reused: `result` is not scanned a second time for the `redacted` capture.
    // The facts are Warden's own (an enum, counts, flags, SHA-256 digests): nothing of the tool's data to redact.
    ...(captured === undefined || facts === undefined
      ? {}
      : { redactedOutputs: () => ({ result: captured(), guardrails: facts }) }),
    guardrailsApplied:
      facts === undefined ? decided.guardrailsApplied : [...decided.guardrailsApplied, 'output'],
    success: !failed,
    ...(failed && text !== undefined ? { errorDetails: text.slice(0, 2_000) } : {}),
  })
}
