import { type Action, isMoreRestrictive } from '../core/action.js'
import type { Evaluation } from '../core/pipeline.js'
import { WardenError } from '../errors/warden-error.js'
import { actionHash } from './action-hash.js'
import {
  type ApprovalKind,
  type ApprovalRequest,
  type ApprovalVote,
  confirmBySession,
  consume,
  decide,
  denialReason,
  expire,
  isDue,
  supersede,
  type TransitionResult,
} from './approval.js'
import { type ApprovalEvent, approvalEvent } from './approval-event.js'
import type { ApprovalFilter, ApprovalStore } from './approval-store.js'
import type { ApprovalsConfig } from './config-schema.js'
import { type GateResult, pendingReason, refusal, storeFailure } from './gate-result.js'
import { type GateContext, newRequest } from './new-request.js'

export type { GateResult } from './gate-result.js'

export interface ApprovalServiceOptions {
  readonly store: ApprovalStore
  readonly config: ApprovalsConfig
  /** Who runs each agent (`agents.<id>.owner`): they may not approve its requests. */
  readonly owners?: Readonly<Record<string, string>>
  readonly now?: () => number
  /** Tells approvers about a new request (e.g. `webhookNotifier`); never awaited by the call. */
  readonly notify?: (request: ApprovalRequest) => Promise<void>
  /** Records every filing, vote, use and expiry; a failure here fails the operation (closed). */
  readonly audit?: (event: ApprovalEvent) => Promise<void>
  /** Hears notification failures (default: console.warn). */
  readonly onNotifyError?: (error: unknown, request: ApprovalRequest) => void
}

const KINDS: readonly string[] = ['confirm', 'approve', 'multi_approve', 'review']
const MAX_RACES = 8

/**
 * The approval workflow. The call never waits for a person (MCP clients time out after 60 s): `gate`
 * answers at once with APPROVAL_PENDING and an id, and the agent's retry of the same action — bound by its
 * hash — proceeds exactly once after approval, or receives the approver's reason.
 */
export class ApprovalService {
  readonly #store: ApprovalStore
  readonly #config: ApprovalsConfig
  readonly #owners: Readonly<Record<string, string>>
  readonly #now: () => number
  readonly #notify: ((request: ApprovalRequest) => Promise<void>) | undefined
  readonly #audit: (event: ApprovalEvent) => Promise<void>
  readonly #onNotifyError: (error: unknown, request: ApprovalRequest) => void
  readonly #notifying = new Set<Promise<void>>()

  constructor(options: ApprovalServiceOptions) {
    this.#store = options.store
    this.#config = options.config
    this.#owners = options.owners ?? {}
    this.#now = options.now ?? Date.now
    this.#notify = options.notify
    this.#audit = options.audit ?? (async () => {})
    this.#onNotifyError =
      options.onNotifyError ??
      ((error, request) =>
        console.warn(`approvals: notification for ${request.id} failed: ${(error as Error).message}`))
  }

  /**
   * Decides whether an action the pipeline marked confirm/approve/multi_approve/review may run now.
   * `review` proceeds and queues a review item; `allow` proceeds; `deny` and `pause` are not for this
   * service (APPROVAL_NOT_APPLICABLE). Pass the action that will be forwarded (after rewrites).
   */
  async gate(action: Action, evaluation: Evaluation, context: GateContext = {}): Promise<GateResult> {
    try {
      return await this.#gate(action, evaluation, context)
    } catch (error) {
      throw storeFailure(error)
    }
  }

  async #gate(action: Action, evaluation: Evaluation, context: GateContext): Promise<GateResult> {
    const kind = evaluation.decision
    if (kind === 'allow') return { proceed: true }
    if (!KINDS.includes(kind)) {
      throw new WardenError('APPROVAL_NOT_APPLICABLE', `a ${kind} decision has no approval workflow`)
    }
    const hash = actionHash(action)
    const fresh = () =>
      newRequest({
        action,
        hash,
        kind: kind as ApprovalKind,
        evaluation,
        context,
        config: this.#config,
        owner: this.#owners[action.agent],
        now: this.#now(),
      })
    if (kind === 'review') {
      const queued = await this.#store.create(fresh())
      await this.#emit('review.queued', queued)
      this.#announce(queued)
      return { proceed: true, approvalId: queued.id }
    }
    for (let race = 0; race < MAX_RACES; race++) {
      const found = await this.#store.findByActionHash(hash)
      const result = await this.#settle(found, kind as ApprovalKind, fresh)
      if (result !== undefined) return result
    }
    throw new WardenError('APPROVAL_CONFLICT', `approval for action ${hash} kept changing; try again`)
  }

  /** One step of `gate` for the newest request of the action; undefined when a race means: look again. */
  async #settle(
    found: ApprovalRequest | null,
    kind: ApprovalKind,
    fresh: () => ApprovalRequest,
  ): Promise<GateResult | undefined> {
    const now = this.#now()
    if (found !== null && (found.status === 'pending' || found.status === 'approved')) {
      // Policy tightened since the request was filed (approve → multi_approve): the weaker one is void.
      if (isMoreRestrictive(kind, found.kind)) {
        await this.#transition(found, supersede(found, now))
        return undefined
      }
      if (isDue(found, now)) {
        const expired = await this.#transition(found, expire(found, now))
        if (expired === undefined) return undefined
        return refusal('APPROVAL_EXPIRED', found, `approval ${found.id} timed out; timeouts deny`)
      }
      if (found.status === 'pending') {
        return refusal('APPROVAL_PENDING', found, pendingReason(found))
      }
      const used = await this.#transition(found, consume(found, now))
      return used === undefined ? undefined : { proceed: true, approvalId: found.id }
    }
    if (
      found !== null &&
      found.status === 'denied' &&
      now <= (found.closedAt ?? 0) + this.#config.timeoutMs
    ) {
      return refusal('APPROVAL_DENIED', found, denialReason(found))
    }
    const request = fresh()
    const stored = await this.#store.create(request)
    if (stored.id !== request.id) return undefined
    await this.#emit('approval.requested', stored)
    this.#announce(stored)
    return refusal('APPROVAL_PENDING', stored, pendingReason(stored))
  }

  /**
   * Records an approver's decision. Failures are WardenErrors: APPROVAL_NOT_FOUND, APPROVAL_CLOSED (already
   * decided, used or expired), APPROVAL_SELF, APPROVAL_NOT_APPROVER, APPROVAL_ALREADY_VOTED,
   * APPROVAL_REASON_REQUIRED. Two approvers racing are serialised by compare-and-set: both votes count.
   */
  async decide(
    id: string,
    approver: string,
    decision: 'approve' | 'deny',
    reason: string,
  ): Promise<ApprovalRequest> {
    try {
      return await this.#decide(id, { approver, decision, reason })
    } catch (error) {
      throw storeFailure(error)
    }
  }

  /**
   * The requesting user's answer to a `confirm` in the session that made it (MCP elicitation): recorded as
   * a vote by the agent's owner (else `session:<agent>/<session>`) with `via: 'elicitation'`. Only a pending
   * confirm of that agent and session can be answered; other requests fail with APPROVAL_NOT_APPROVER.
   */
  async confirmBySession(
    id: string,
    asker: { readonly agent: string; readonly session: string },
    decision: 'approve' | 'deny',
    reason: string,
  ): Promise<ApprovalRequest> {
    const approver = this.#owners[asker.agent] ?? `session:${asker.agent}/${asker.session}`
    try {
      return await this.#decide(id, { approver, decision, reason, via: 'elicitation' }, (current, vote) =>
        confirmBySession(current, asker, vote, this.#config.validForMs),
      )
    } catch (error) {
      throw storeFailure(error)
    }
  }

  /** The configuration the service runs with (the gateway reads the hold and confirm settings here). */
  get settings(): ApprovalsConfig {
    return this.#config
  }

  async #decide(
    id: string,
    given: Omit<ApprovalVote, 'at'>,
    step: (current: ApprovalRequest, vote: ApprovalVote) => TransitionResult = (current, vote) =>
      decide(current, vote, this.#config.validForMs),
  ): Promise<ApprovalRequest> {
    if (given.reason.trim() === '') {
      throw new WardenError(
        'APPROVAL_REASON_REQUIRED',
        'a decision needs a reason; it is logged and sent to the agent',
      )
    }
    if (given.approver.trim() === '')
      throw new WardenError('APPROVAL_NOT_APPROVER', 'a decision needs an approver name')
    for (let race = 0; race < MAX_RACES; race++) {
      const current = await this.#store.get(id)
      if (current === null) throw new WardenError('APPROVAL_NOT_FOUND', `no approval ${JSON.stringify(id)}`)
      const now = this.#now()
      if (isDue(current, now)) {
        await this.#transition(current, expire(current, now))
        throw new WardenError('APPROVAL_CLOSED', `approval ${id} expired before the decision`)
      }
      const vote: ApprovalVote = { ...given, at: now }
      const next = step(current, vote)
      if (!next.ok) throw new WardenError(next.code, next.message)
      if (!(await this.#store.update(next.request, current.version))) continue
      await this.#emit('approval.vote', next.request, vote)
      if (next.request.status !== 'pending') await this.#emit(`approval.${next.request.status}`, next.request)
      return next.request
    }
    throw new WardenError(
      'APPROVAL_CONFLICT',
      `approval ${id} kept changing under concurrent decisions; try again`,
    )
  }

  /** Times out every pending request and unused approval past its deadline; returns how many. */
  async expireDue(): Promise<number> {
    let count = 0
    const now = this.#now()
    for (const status of ['pending', 'approved'] as const) {
      for (const request of await this.#store.list({ status })) {
        if (isDue(request, now) && (await this.#transition(request, expire(request, now))) !== undefined)
          count++
      }
    }
    return count
  }

  /**
   * Voids every open request (pending, or approved and not yet used) of an agent: a terminated agent's
   * approvals must not outlive it. Returns how many were voided.
   */
  async cancelFor(agentId: string): Promise<number> {
    let count = 0
    const now = this.#now()
    for (const status of ['pending', 'approved'] as const) {
      for (const request of await this.#store.list({ status })) {
        if (request.action.agent !== agentId) continue
        if ((await this.#transition(request, supersede(request, now))) !== undefined) count++
      }
    }
    return count
  }

  list(filter: ApprovalFilter = {}): Promise<ApprovalRequest[]> {
    return this.#store.list(filter)
  }

  get(id: string): Promise<ApprovalRequest | null> {
    return this.#store.get(id)
  }

  /** Resolves when every notification started so far has finished (for tests and shutdown). */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.#notifying])
  }

  async #transition(from: ApprovalRequest, result: TransitionResult): Promise<ApprovalRequest | undefined> {
    if (!result.ok) return undefined
    if (!(await this.#store.update(result.request, from.version))) return undefined
    const type = result.request.status === 'consumed' ? 'approval.consumed' : 'approval.expired'
    await this.#emit(type, result.request)
    return result.request
  }

  async #emit(
    type: ApprovalEvent['type'],
    request: ApprovalRequest,
    vote?: ApprovalEvent['vote'],
  ): Promise<void> {
    await this.#audit(approvalEvent(type, request, this.#now(), vote))
  }

  #announce(request: ApprovalRequest): void {
    if (this.#notify === undefined) return
    const sent = this.#notify(request)
      .catch((error: unknown) => this.#onNotifyError(error, request))
      .finally(() => this.#notifying.delete(sent))
    this.#notifying.add(sent)
  }
}
