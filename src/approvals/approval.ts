import type { Decision, Risk } from '../core/action.js'
import type { Reason } from '../core/pipeline.js'

/** The decisions that file a request; `review` lets the action proceed and queues it for a person. */
export type ApprovalKind = Extract<Decision, 'confirm' | 'approve' | 'multi_approve' | 'review'>
export const APPROVAL_STATUSES = ['pending', 'approved', 'denied', 'expired', 'consumed'] as const
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number]

/** One approver's decision and reasoning, kept on the request (and sent to the audit log). */
export interface ApprovalVote {
  readonly approver: string
  readonly decision: 'approve' | 'deny'
  readonly reason: string
  readonly at: number
  /** How the decision came: `elicitation` when the requesting user answered an MCP elicitation. */
  readonly via?: 'elicitation'
}

/** What the approver sees: the action, its risk and reasons, the agent's reasoning, history, dry-run. */
export interface ApprovalContext {
  readonly reasoning?: unknown
  readonly confidence?: unknown
  readonly history?: readonly unknown[]
  readonly dryRun?: unknown
}

/** One approval request. `version` grows with every change; the store updates by compare-and-set on it. */
export interface ApprovalRequest {
  readonly id: string
  readonly kind: ApprovalKind
  readonly actionHash: string
  readonly actionId?: string
  readonly action: {
    readonly agent: string
    readonly session?: string
    readonly tool: string
    readonly args: Readonly<Record<string, unknown>>
  }
  readonly risk: Risk
  readonly reasons: readonly Reason[]
  readonly context: ApprovalContext
  /** The group the request was routed to, or null when any authenticated approver may decide. */
  readonly group: string | null
  /** Members of `group` (empty when `group` is null). */
  readonly approvers: readonly string[]
  /** People who may not decide: the agent's owner and the requesting user. */
  readonly excluded: readonly string[]
  readonly quorum: number
  readonly status: ApprovalStatus
  readonly votes: readonly ApprovalVote[]
  readonly createdAt: number
  /** Pending: the decision deadline. Approved: the last moment the approval can be used. */
  readonly expiresAt: number
  readonly closedAt?: number
  readonly version: number
}

/** A refused transition: a failure code from the approvals catalog and why. */
export type TransitionResult =
  | { readonly ok: true; readonly request: ApprovalRequest }
  | { readonly ok: false; readonly code: string; readonly message: string }

/**
 * Records one approver's decision. A deny from any eligible approver closes the request (fail closed); an
 * approve closes it once `quorum` DISTINCT approvers agree. Refused: deciding a closed or expired request,
 * deciding your own agent's request, deciding twice, or deciding outside the routed group. An approved
 * request stays usable for `validForMs`.
 */
export function decide(request: ApprovalRequest, vote: ApprovalVote, validForMs: number): TransitionResult {
  if (request.status !== 'pending') {
    return refuse('APPROVAL_CLOSED', `approval ${request.id} is ${request.status}`)
  }
  if (vote.at > request.expiresAt) {
    return refuse('APPROVAL_CLOSED', `approval ${request.id} expired before the decision`)
  }
  if (request.excluded.includes(vote.approver)) {
    return refuse('APPROVAL_SELF', `${vote.approver} may not decide on a request of their own agent`)
  }
  if (request.approvers.length > 0 && !request.approvers.includes(vote.approver)) {
    return refuse('APPROVAL_NOT_APPROVER', `${vote.approver} is not in approver group ${request.group}`)
  }
  if (request.votes.some((v) => v.approver === vote.approver)) {
    return refuse('APPROVAL_ALREADY_VOTED', `${vote.approver} already decided on approval ${request.id}`)
  }
  const votes = [...request.votes, vote]
  const base = { ...request, votes, version: request.version + 1 }
  if (vote.decision === 'deny') {
    return { ok: true, request: { ...base, status: 'denied', closedAt: vote.at } }
  }
  const approvals = new Set(votes.filter((v) => v.decision === 'approve').map((v) => v.approver)).size
  if (approvals < request.quorum) return { ok: true, request: base }
  return {
    ok: true,
    request: {
      ...base,
      status: 'approved',
      closedAt: vote.at,
      // A review item is only a record that someone looked; it has nothing to use, so it keeps no window.
      expiresAt: request.kind === 'review' ? request.expiresAt : vote.at + validForMs,
    },
  }
}

/**
 * The requesting user's own answer to a `confirm`, given in the session that made the request (MCP
 * elicitation). Only a pending confirm of that very agent and session can be answered this way; the routed
 * group does not apply, because a confirm is by definition the user's own step (DESIGN.md).
 */
export function confirmBySession(
  request: ApprovalRequest,
  asker: { readonly agent: string; readonly session: string },
  vote: ApprovalVote,
  validForMs: number,
): TransitionResult {
  if (request.kind !== 'confirm') {
    return refuse('APPROVAL_NOT_APPROVER', `approval ${request.id} is ${request.kind}: a person must decide`)
  }
  if (request.action.agent !== asker.agent || request.action.session !== asker.session) {
    return refuse('APPROVAL_NOT_APPROVER', `approval ${request.id} belongs to another session`)
  }
  // Decided as if the group were open, then the route is put back: the record keeps who could have decided.
  const next = decide({ ...request, approvers: [], excluded: [] }, vote, validForMs)
  if (!next.ok) return next
  return { ok: true, request: { ...next.request, approvers: request.approvers, excluded: request.excluded } }
}

/** Uses an approval once: only an approved, unexpired request can be consumed, and only one time. */
export function consume(request: ApprovalRequest, now: number): TransitionResult {
  if (request.status !== 'approved') {
    return refuse('APPROVAL_CLOSED', `approval ${request.id} is ${request.status}, not approved`)
  }
  if (now > request.expiresAt) return refuse('APPROVAL_CLOSED', `approval ${request.id} expired unused`)
  return {
    ok: true,
    request: { ...request, status: 'consumed', closedAt: now, version: request.version + 1 },
  }
}

/** Times out a pending request (deny by default) or an approval left unused past its window. */
export function expire(request: ApprovalRequest, now: number): TransitionResult {
  if (request.status !== 'pending' && request.status !== 'approved') {
    return refuse('APPROVAL_CLOSED', `approval ${request.id} is ${request.status}`)
  }
  if (now <= request.expiresAt) return refuse('APPROVAL_CLOSED', `approval ${request.id} has not expired`)
  return { ok: true, request: { ...request, status: 'expired', closedAt: now, version: request.version + 1 } }
}

/**
 * Voids an open request because policy now asks for more (approve became multi_approve): an approval
 * given under the weaker rule must not satisfy the stronger one.
 */
export function supersede(request: ApprovalRequest, now: number): TransitionResult {
  if (request.status !== 'pending' && request.status !== 'approved') {
    return refuse('APPROVAL_CLOSED', `approval ${request.id} is ${request.status}`)
  }
  return { ok: true, request: { ...request, status: 'expired', closedAt: now, version: request.version + 1 } }
}

/** True when a pending or approved request is past its deadline. */
export function isDue(request: ApprovalRequest, now: number): boolean {
  return (request.status === 'pending' || request.status === 'approved') && now > request.expiresAt
}

/** The reason of the deny vote that closed a denied request. */
export function denialReason(request: ApprovalRequest): string {
  const vote = request.votes.find((v) => v.decision === 'deny')
  return vote === undefined ? 'denied' : `denied by ${vote.approver}: ${vote.reason}`
}

function refuse(code: string, message: string): TransitionResult {
  return { ok: false, code, message }
}
