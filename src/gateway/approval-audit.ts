import type { ApprovalEvent } from '../approvals/approval-event.js'
import type { AuditEntryInput } from '../audit/record.js'

/**
 * An approval event (requested, vote, approved, denied, consumed, expired) as an audit record, so who approved
 * what, and why, is in the same tamper-evident log as the action it was about. The record's `actionId` is the
 * approval's id; `inputs` carry the votes with their reasons.
 */
export function approvalAuditEntry(event: ApprovalEvent): AuditEntryInput {
  return {
    phase: 'decision',
    actionId: event.approvalId,
    timestamp: new Date(event.at),
    agentId: event.agent,
    ...(event.session === undefined ? {} : { sessionId: event.session }),
    action: `approval:${event.type}`,
    inputs: { event },
    permissions: [],
    guardrailsApplied: ['approval'],
    decision: event.status,
    risk: 'low',
    reasons: [
      { stage: 'approval', code: event.type, message: `${event.kind} for ${event.tool}: ${event.status}` },
    ],
    trace: [],
  }
}
