import { randomUUID } from 'node:crypto'
import type { Action, Decision } from '../core/action.js'
import type { Stage, StageContext } from '../core/stage.js'
import { ALLOW, deny, requireControl, type Verdict } from '../core/verdict.js'
import { checkFlow } from '../flow/flow-rules.js'
import { labelResult } from '../flow/label-result.js'
import { type SessionLabels, sessionKeyOf } from '../flow/labels.js'
import type { ScoredText } from '../flow/scored-text.js'
import type { Classification } from '../guardrails/finding.js'
import type { IncidentSink } from '../killswitch/incident.js'
import { type AnomalyAssessment, assessAttempt } from './anomaly/assess.js'
import { featuresOf } from './anomaly/features.js'
import { learnExecuted, observeDenial } from './anomaly/observe.js'
import { type AgentProfile, newProfile } from './anomaly/profile.js'
import type { CompiledBehavior } from './behavior-config.js'
import { checkBudgets } from './budget-check.js'
import type { CounterStore, MultiTakeResult } from './counter-store.js'
import { budgetKey, impactOf } from './impact.js'

export interface BehaviorStageOptions {
  readonly store: CounterStore
  readonly config: CompiledBehavior
  readonly sessions: SessionLabels
  /** Where pauses (budget spent, anomaly score past `pause`) are recorded as incidents. */
  readonly incidents?: IncidentSink
  /** Names this instance in incidents. */
  readonly origin?: string
}

/** The behavior stage, plus the feedback it learns from after the pipeline has decided and the tool has run. */
export interface BehaviorStage extends Stage {
  /**
   * After a tool ran (allowed or approved): labels what it returned into the session, adds its impact to
   * the budgets and teaches the agent's baseline. `warden check` passes a line's `"result"`.
   */
  recordResult(
    action: Action,
    result: unknown,
    options?: { now?: number; classification?: Classification; scored?: ScoredText },
  ): Promise<void>
  /** After every decision: refusals feed the probing detector. */
  recordDecision(action: Action, decision: Decision, now?: number): Promise<void>
  /**
   * `warden check`'s feedback for one line: records the decision and, when the decision lets the action
   * run without a human (allow, review) and the line carries a `"result"`, records that result.
   */
  recordEvaluation(action: Action, decision: Decision, result: unknown, now: number): Promise<void>
  /**
   * An operator resumed the agent after reviewing it: the refusals and repeated calls that made it look like
   * probing are forgiven, so the resume sticks (learned baselines stay).
   */
  forgive(agentId: string): Promise<void>
}

/**
 * BehavioralGuardrails.checkBehavior as a pipeline stage (stage 6): information flow over the session's
 * labels, rate limits (deny RATE_LIMITED with the wait), cumulative budgets (pause, incident) and
 * anomalies (review/approve/pause by score, `guardrails.anomalyDetected`). A lost store denies.
 *
 * @example
 * const behavior = behaviorStage({ store: new MemoryCounterStore(), config: compileBehavior(cfg), sessions: new SessionLabels() })
 */
export function behaviorStage(options: BehaviorStageOptions): BehaviorStage {
  const { store, config, sessions } = options
  const origin = options.origin ?? 'behavior'

  async function check(action: Action, ctx: StageContext): Promise<Verdict> {
    const now = ctx.now
    const key = sessionKeyOf(action, config.flow.scope)
    const labels = sessions.labelsOf(key, now)
    sessions.touch(key, now)
    if (labels.length > 0)
      ctx.facts['flow.labels'] = labels.map((l) => ({ label: l.label, source: l.source }))
    const flow = checkFlow(labels, action, config.flow)
    if (flow.kind === 'deny') return flow
    try {
      const buckets = config.rateLimits.bucketsFor(action)
      // Independent reads go together: against Redis that is one round trip of waiting instead of three.
      const [taken, budget, profile] = await Promise.all([
        buckets.length > 0 ? store.take(buckets, now) : TAKEN,
        checkBudgets(store, config.budgets, action, ctx),
        config.anomaly.enabled ? store.loadProfile(action.agent) : undefined,
      ])
      if (!taken.ok) {
        const bucket = buckets[taken.index]
        const what = bucket === undefined ? 'a rate limit' : config.rateLimits.describe(bucket)
        return deny('RATE_LIMITED', `over ${what}; retry in ${(taken.retryAfterMs / 1000).toFixed(1)} s`, {
          retryAfterMs: taken.retryAfterMs,
        })
      }
      const anomaly = config.anomaly.enabled
        ? await assess(action, profile ?? newProfile(now), now)
        : undefined
      const verdict = mostRestrictiveOf([flow, budget, anomalyVerdict(anomaly, ctx)])
      // The agent is paused (a budget spent, or behavior far off its baseline): operators need an incident.
      if (verdict.kind === 'pause') await recordIncident(action, verdict, now)
      return verdict
    } catch (error) {
      return deny(
        'BEHAVIOR_STORE_UNAVAILABLE',
        `behavior counters unavailable (${error instanceof Error ? error.message : String(error)}); denied (fail closed)`,
      )
    }
  }

  async function assess(action: Action, profile: AgentProfile, now: number): Promise<AnomalyAssessment> {
    const assessment = assessAttempt(profile, featuresOf(action, now), now, config.anomaly.warmupActions)
    await store.saveProfile(action.agent, profile)
    return assessment
  }

  function anomalyVerdict(a: AnomalyAssessment | undefined, ctx: StageContext): Verdict {
    const s = config.anomaly
    if (a === undefined) return ALLOW
    const detected = a.findings.length > 0 && a.score >= s.reviewAt
    ctx.facts['guardrails.anomalyDetected'] = detected
    if (a.findings.length > 0) {
      ctx.facts['behavior.anomaly'] = { score: round(a.score), reasons: a.findings.map((f) => f.reason) }
    }
    if (!detected) return ALLOW
    const control: Exclude<Decision, 'allow' | 'deny'> =
      a.score >= s.pauseAt ? 'pause' : a.score >= s.approveAt ? 'approve' : 'review'
    const reasons = a.findings.map((f) => f.reason).join('; ')
    return requireControl(
      control,
      'BEHAVIOR_ANOMALY',
      `anomalous behavior (score ${a.score.toFixed(2)}): ${reasons}`,
      {
        score: round(a.score),
        kinds: a.findings.map((f) => f.kind),
      },
    )
  }

  async function recordIncident(action: Action, verdict: Verdict, now: number): Promise<void> {
    if (options.incidents === undefined || verdict.kind === 'allow' || verdict.kind === 'rewrite') return
    // A sink that fails must not turn the pause into an allow: the verdict stands either way.
    await options.incidents
      .record({
        id: randomUUID(),
        kind: 'paused',
        agentId: action.agent,
        reason: verdict.reason,
        actor: 'warden',
        at: now,
        origin,
        detail: { code: verdict.code, ...(verdict.detail ?? {}) },
      })
      .catch(() => undefined)
  }

  return {
    name: 'behavior',
    check,
    async recordResult(action, result, opts = {}) {
      const now = opts.now ?? Date.now()
      const labels = labelResult(action, result, config.flow, {
        now,
        ...(opts.classification === undefined ? {} : { classification: opts.classification }),
        ...(opts.scored === undefined ? {} : { scored: opts.scored }),
      })
      if (labels.length > 0) sessions.add(sessionKeyOf(action, config.flow.scope), labels, now)
      for (let i = 0; i < config.budgets.length; i++) {
        const b = config.budgets[i]
        if (b === undefined) continue
        const amount = impactOf(action, b.sum, result)
        if (amount > 0 && Number.isFinite(amount))
          await store.add(budgetKey(b, i, action), amount, b.windowMs, now)
      }
      if (config.anomaly.enabled) {
        const profile = (await store.loadProfile(action.agent)) ?? newProfile(now)
        learnExecuted(profile, featuresOf(action, now))
        await store.saveProfile(action.agent, profile)
      }
    },
    async recordEvaluation(action, decision, result, now) {
      await this.recordDecision(action, decision, now)
      if (result !== undefined && (decision === 'allow' || decision === 'review')) {
        await this.recordResult(action, result, { now })
      }
    },
    async forgive(agentId) {
      const profile = await store.loadProfile(agentId)
      if (profile === undefined || profile === null) return
      profile.denials.length = 0
      profile.recent.length = 0
      await store.saveProfile(agentId, profile)
    },
    async recordDecision(action, decision, now = Date.now()) {
      if (decision !== 'deny' || !config.anomaly.enabled) return
      const profile = (await store.loadProfile(action.agent)) ?? newProfile(now)
      observeDenial(profile, now)
      await store.saveProfile(action.agent, profile)
    },
  }
}

/**
 * The most restrictive verdict; the others that asked for something ride along in `detail.also`, so the
 * audit keeps every rule that fired (a flow approval under an anomaly pause, say).
 */
function mostRestrictiveOf(verdicts: readonly Verdict[]): Verdict {
  const asked = verdicts.filter(
    (v): v is Extract<Verdict, { kind: keyof typeof RANK }> => v.kind !== 'allow' && v.kind !== 'rewrite',
  )
  let top = asked[0]
  if (top === undefined) return ALLOW
  for (const v of asked) if (RANK[v.kind] > RANK[top.kind]) top = v
  const others = asked.filter((v) => v !== top).map((v) => ({ kind: v.kind, code: v.code, reason: v.reason }))
  return others.length === 0 ? top : { ...top, detail: { ...(top.detail ?? {}), also: others } }
}

const TAKEN: MultiTakeResult = Object.freeze({ ok: true })

const RANK = { deny: 6, pause: 5, multi_approve: 4, approve: 3, confirm: 2, review: 1 } as const

function round(x: number): number {
  return Math.round(x * 1000) / 1000
}
