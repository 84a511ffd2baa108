import { randomUUID } from 'node:crypto'
import type { Action } from '../core/action.js'
import type { Evaluation } from '../core/pipeline.js'
import type { ApprovalContext, ApprovalKind, ApprovalRequest } from './approval.js'
import type { ApprovalsConfig } from './config-schema.js'
import { routeRequest } from './routing.js'

/** What the gateway knows beside the evaluation: what a dry run says and the session's recent history. */
export interface GateContext {
  readonly dryRun?: unknown
  readonly history?: readonly unknown[]
}

/** Far future for review items, which never time out (JSON has no Infinity). */
export const NEVER = Number.MAX_SAFE_INTEGER

/**
 * A fresh pending request with the full context an approver needs. The agent's owner and the user who
 * made the request are excluded from deciding (nobody approves their own agent's action), except for
 * `confirm`, which is by definition the user confirming their own agent's step (they are added to the group).
 */
export function newRequest(input: {
  readonly action: Action
  readonly hash: string
  readonly kind: ApprovalKind
  readonly evaluation: Evaluation
  readonly context: GateContext
  readonly config: ApprovalsConfig
  readonly owner: string | undefined
  readonly now: number
}): ApprovalRequest {
  const { action, kind, evaluation, config, now } = input
  const route = routeRequest(config, action, evaluation.risk)
  const self = selfIdentities(action, input.owner)
  const excluded = kind === 'confirm' ? [] : self
  // A confirm is the user's own step: they may give it even when the route names a group.
  const approvers =
    kind === 'confirm' && route.approvers.length > 0
      ? [...new Set([...route.approvers, ...self])]
      : route.approvers
  return {
    id: `apr_${randomUUID()}`,
    kind,
    actionHash: input.hash,
    ...(action.id === undefined ? {} : { actionId: action.id }),
    action: {
      agent: action.agent,
      ...(action.session === undefined ? {} : { session: action.session }),
      tool: action.tool,
      args: action.args,
    },
    risk: evaluation.risk,
    reasons: evaluation.reasons,
    context: requestContext(action, input.context),
    group: route.group,
    approvers,
    excluded,
    quorum: kind === 'multi_approve' ? config.quorum : 1,
    status: 'pending',
    votes: [],
    createdAt: now,
    expiresAt: kind === 'review' ? NEVER : now + config.timeoutMs,
    version: 1,
  }
}

function selfIdentities(action: Action, owner: string | undefined): string[] {
  const out = new Set<string>()
  if (owner !== undefined) out.add(owner)
  for (const key of ['user', 'requestedBy']) {
    const value = action.context?.[key]
    if (typeof value === 'string' && value !== '') out.add(value)
  }
  return [...out]
}

function requestContext(action: Action, context: GateContext): ApprovalContext {
  const reasoning = action.context?.['reasoning']
  const confidence = action.context?.['confidence']
  return {
    ...(reasoning === undefined ? {} : { reasoning }),
    ...(confidence === undefined ? {} : { confidence }),
    ...(context.history === undefined ? {} : { history: context.history }),
    ...(context.dryRun === undefined ? {} : { dryRun: context.dryRun }),
  }
}
