import { compileBehavior } from '../behavior/behavior-config.js'
import { type BehaviorStage, behaviorStage } from '../behavior/behavior-stage.js'
import { openCounterStore } from '../behavior/open-counter-store.js'
import { DEFAULTS } from '../config/defaults.js'
import { type LoadedConfig, withConfigLocation } from '../config/load.js'
import type { Action } from '../core/action.js'
import { type Evaluation, runPipeline } from '../core/pipeline.js'
import type { Stage } from '../core/stage.js'
import { compileEscalationRules } from '../escalation/escalation-rules.js'
import { escalationStage } from '../escalation/escalation-stage.js'
import { SessionLabels } from '../flow/labels.js'
import type { IncidentSink } from '../killswitch/incident.js'
import { type CompiledPolicy, compilePolicy } from '../policy/agent-policy.js'
import { loadSqlParser } from '../policy/database/database-policy.js'
import { policyStage } from '../policy/policy-stage.js'
import type { ToolHints } from '../risk/classify-risk.js'
import { DEFAULT_RISK_CONTROLS, riskStage } from '../risk/risk-stage.js'
import { inputStageFrom } from './input-stage-config.js'
import { permissionList } from './permission-list.js'

/** Stages that need run-time parts (kill switch, tool pins) the engine does not own, by where they go. */
export interface EngineStages {
  /** Before everything (stage 1: authentication state, kill switch). */
  readonly gate?: readonly Stage[]
  /** Right after the capability boundaries (e.g. tool pinning). */
  readonly afterPolicy?: readonly Stage[]
  /** An upstream tool's annotations, for the risk stage (readOnlyHint, destructiveHint). */
  readonly toolHints?: (tool: string) => ToolHints | undefined
  /** Where the behavior stage records pauses (budget spent, anomaly) as incidents. */
  readonly incidents?: IncidentSink
}

/** The decision side of Warden: the configured stages, in DESIGN.md's order, and one way to run them. */
export interface Engine {
  readonly stages: readonly Stage[]
  /** The compiled capability boundaries (the governed tools re-check against them at execution). */
  readonly policy: CompiledPolicy
  /** The behavior stage, to tell it what was decided and what ran (labels, impact, baselines). */
  readonly behavior: BehaviorStage
  /** Closes what the stages hold (a Redis connection for shared counters). */
  close(): Promise<void>
  /** The agent's grants as flat strings, for the audit record (empty for an unknown agent). */
  permissionsOf(agentId: string): readonly string[]
  evaluate(action: Action, now?: number): Promise<Evaluation>
}

/**
 * Builds the stages from a loaded configuration. Everything is validated and compiled here, once: a bad
 * glob or host fails now with file and line, never per request.
 */
export async function createEngine(loaded: LoadedConfig, extra: EngineStages = {}): Promise<Engine> {
  await loadSqlParser()
  const policy = withConfigLocation(loaded, () => compilePolicy(loaded.config))
  const rules = withConfigLocation(loaded, () => compileEscalationRules(loaded.config.escalationRules))
  const input = withConfigLocation(loaded, () => inputStageFrom(loaded.config.guardrails.input))
  const counters = await openCounterStore(loaded.config.behavior?.counters)
  const behavior = behaviorStage({
    store: counters,
    config: compileBehavior(loaded.config),
    sessions: new SessionLabels(),
    ...(extra.incidents === undefined ? {} : { incidents: extra.incidents }),
  })
  const stages: readonly Stage[] = Object.freeze([
    ...(extra.gate ?? []),
    input,
    policyStage(policy),
    ...(extra.afterPolicy ?? []),
    riskStage(DEFAULT_RISK_CONTROLS, extra.toolHints),
    // Behavior runs before the escalation rules, so `guardrails.anomalyDetected` is known to them (the
    // seed's `anomalyDetected → pause`); the most restrictive verdict wins whatever the order.
    behavior,
    escalationStage(rules),
  ])
  const permissions = new Map(
    Object.entries(loaded.config.agents).map(([id, a]) => [id, Object.freeze(permissionList(a.permissions))]),
  )
  return {
    stages,
    policy,
    behavior,
    close: () => counters.close(),
    permissionsOf: (agentId) => permissions.get(agentId) ?? [],
    evaluate: (action, now) =>
      runPipeline(stages, action, {
        defaultStageTimeoutMs: DEFAULTS.stageTimeoutMs,
        ...(now === undefined ? {} : { now }),
      }),
  }
}
