import { WardenError } from '../errors/warden-error.js'
import type { ApprovalRequest } from './approval.js'

/** What the gateway does with the call: forward it, or answer with a structured refusal. */
export type GateResult =
  | { readonly proceed: true; readonly approvalId?: string }
  | {
      readonly proceed: false
      readonly code: 'APPROVAL_PENDING' | 'APPROVAL_DENIED' | 'APPROVAL_EXPIRED'
      readonly reason: string
      readonly approvalId: string
    }

/** A WardenError as is; anything else (a lost database, an audit write that failed) as a closed failure. */
export function storeFailure(error: unknown): WardenError {
  if (error instanceof WardenError) return error
  const message = error instanceof Error ? error.message : String(error)
  return new WardenError(
    'APPROVAL_STORE_UNAVAILABLE',
    `approvals: ${message}; the action is refused (fail closed)`,
  )
}

/** A refusal the gateway answers the agent with, naming the request to wait for or the reason it was refused. */
export function refusal(
  code: 'APPROVAL_PENDING' | 'APPROVAL_DENIED' | 'APPROVAL_EXPIRED',
  request: ApprovalRequest,
  reason: string,
): GateResult {
  return { proceed: false, code, reason, approvalId: request.id }
}

/** What a pending request waits for, said so the agent (a model) knows to retry the same action. */
export function pendingReason(request: ApprovalRequest): string {
  const who = request.group === null ? 'an approver' : `group ${request.group}`
  const votes = request.votes.length
  return (
    `${request.kind} required: waiting for ${who} (${votes}/${request.quorum} approvals) on approval ${request.id}; ` +
    'retry the same action once it is approved'
  )
}
