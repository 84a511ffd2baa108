import { DEFAULTS } from '../config/defaults.js'
import { type LoadedConfig, withConfigLocation } from '../config/load.js'
import type { Action } from '../core/action.js'
import { type Evaluation, runPipeline } from '../core/pipeline.js'
import type { Stage } from '../core/stage.js'
import { compilePolicy } from '../policy/agent-policy.js'
import { loadSqlParser } from '../policy/database/database-policy.js'
import { policyStage } from '../policy/policy-stage.js'
import { riskStage } from '../risk/risk-stage.js'

/** The decision side of Warden: the configured stages, in DESIGN.md's order, and one way to run them. */
export interface Engine {
  readonly stages: readonly Stage[]
  evaluate(action: Action, now?: number): Promise<Evaluation>
}

/**
 * Builds the stages from a loaded configuration. Everything is validated and compiled here, once: a bad
 * glob or host fails now with file and line, never per request.
 */
export async function createEngine(loaded: LoadedConfig): Promise<Engine> {
  await loadSqlParser()
  const policy = withConfigLocation(loaded, () => compilePolicy(loaded.config, DEFAULTS.apiRateWindowMs))
  const stages: readonly Stage[] = Object.freeze([policyStage(policy), riskStage()])
  return {
    stages,
    evaluate: (action, now) =>
      runPipeline(stages, action, {
        defaultStageTimeoutMs: DEFAULTS.stageTimeoutMs,
        ...(now === undefined ? {} : { now }),
      }),
  }
}
