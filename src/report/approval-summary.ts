import type { ApprovalRequest } from '../approvals/approval.js'
import { median } from './tally.js'

/** The approval requests of one agent in a window, by how they ended. */
export interface ApprovalSummary {
  readonly requested: number
  readonly approved: number
  readonly denied: number
  readonly expired: number
  readonly pending: number
  /** Median time from request to the deciding vote, in ms, over approved and denied requests. */
  readonly medianDecideMs: number | null
}

/** Approval requests grouped by agent and summarised (a consumed request was approved, then used). */
export function summariseApprovals(requests: readonly ApprovalRequest[]): Map<string, ApprovalSummary> {
  const groups = new Map<string, ApprovalRequest[]>()
  for (const r of requests) {
    const list = groups.get(r.action.agent) ?? []
    list.push(r)
    groups.set(r.action.agent, list)
  }
  const out = new Map<string, ApprovalSummary>()
  for (const [agent, list] of groups) out.set(agent, summary(list))
  return out
}

/** The summary of no requests. */
export const NO_APPROVALS: ApprovalSummary = Object.freeze({
  requested: 0,
  approved: 0,
  denied: 0,
  expired: 0,
  pending: 0,
  medianDecideMs: null,
})

function summary(list: readonly ApprovalRequest[]): ApprovalSummary {
  const count = (...statuses: string[]) => list.filter((r) => statuses.includes(r.status)).length
  const decideMs: number[] = []
  for (const r of list) {
    if (r.status !== 'approved' && r.status !== 'denied' && r.status !== 'consumed') continue
    // The deciding vote is the last one; closedAt is the fallback for requests decided without votes.
    const last = r.votes.reduce<number | undefined>(
      (m, v) => (m === undefined || v.at > m ? v.at : m),
      undefined,
    )
    const at = last ?? r.closedAt
    if (at !== undefined) decideMs.push(Math.max(0, at - r.createdAt))
  }
  return {
    requested: list.length,
    approved: count('approved', 'consumed'),
    denied: count('denied'),
    expired: count('expired'),
    pending: count('pending'),
    medianDecideMs: median(decideMs),
  }
}
