import type { ApprovalKind, ApprovalRequest, ApprovalStatus, ApprovalVote } from './approval.js'

/**
 * One step of the workflow for the audit log: a request filed or queued for review, a vote with the
 * approver's reasoning, the outcome, the approval used, or a timeout.
 */
export interface ApprovalEvent {
  readonly type:
    | 'approval.requested'
    | 'review.queued'
    | 'approval.vote'
    | 'approval.approved'
    | 'approval.denied'
    | 'approval.expired'
    | 'approval.consumed'
  readonly approvalId: string
  readonly kind: ApprovalKind
  readonly actionHash: string
  readonly agent: string
  readonly session?: string
  readonly tool: string
  readonly status: ApprovalStatus
  readonly vote?: ApprovalVote
  /** Every vote so far, so the record of a use or an outcome names who decided and why. */
  readonly votes: readonly ApprovalVote[]
  readonly at: number
}

/** The event of one step on `request`, at `at`, with the vote that made it (if a vote did). */
export function approvalEvent(
  type: ApprovalEvent['type'],
  request: ApprovalRequest,
  at: number,
  vote?: ApprovalVote,
): ApprovalEvent {
  return {
    type,
    approvalId: request.id,
    kind: request.kind,
    actionHash: request.actionHash,
    agent: request.action.agent,
    tool: request.action.tool,
    status: request.status,
    votes: request.votes,
    at,
    ...(request.action.session === undefined ? {} : { session: request.action.session }),
    ...(vote === undefined ? {} : { vote }),
  }
}
