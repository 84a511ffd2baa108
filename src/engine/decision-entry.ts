import type { AuditEntryInput } from '../audit/record.js'
import type { Action } from '../core/action.js'
import type { Evaluation } from '../core/pipeline.js'

/**
 * The audit entry for a decision (the record `warden check` writes, and the gateway writes for a refused
 * action): the seed's AuditLog fields from the action and its context, plus decision, risk, reasons, trace.
 */
export function decisionEntry(
  action: Action & { id: string },
  evaluation: Evaluation,
  permissions: readonly string[],
  timestamp: Date,
): AuditEntryInput {
  const context = action.context ?? {}
  const reasoning = context['reasoning']
  const confidence = context['confidence']
  const user = context['user']
  return {
    phase: 'decision',
    actionId: action.id,
    timestamp,
    agentId: action.agent,
    ...(action.session === undefined ? {} : { sessionId: action.session }),
    action: action.tool,
    inputs: { args: action.args, ...(evaluation.rewritten ? { rewrittenArgs: evaluation.action.args } : {}) },
    ...(typeof user === 'string' ? { user } : {}),
    permissions,
    guardrailsApplied: evaluation.trace.map((t) => t.stage),
    ...(typeof reasoning === 'string' ? { reasoning } : {}),
    ...(typeof confidence === 'number' && Number.isFinite(confidence) ? { confidenceScore: confidence } : {}),
    decision: evaluation.decision,
    risk: evaluation.risk,
    reasons: evaluation.reasons,
    trace: evaluation.trace,
  }
}
