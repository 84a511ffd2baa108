import type { LoadedConfig } from '../config/load.js'
import { withConfigLocation } from '../config/load.js'
import type { Action, Decision, Risk } from '../core/action.js'
import { type Evaluation, runPipeline } from '../core/pipeline.js'
import { compileEscalationRules } from '../escalation/escalation-rules.js'
import { escalationStage } from '../escalation/escalation-stage.js'
import { DEFAULT_RISK_CONTROLS, riskStage } from '../risk/risk-stage.js'

/** The canonical name of a rollback when it is governed as an action (risk high: see classifyRisk). */
export const ROLLBACK_TOOL = 'warden.rollback'

/**
 * `warden rollback ACTION_ID` as an action of its own: the operator is the actor (`operator:<name>`), the
 * action id to undo is the only argument (so an approval is bound to exactly that rollback), and the
 * operator and their reason ride in the context (the operator is excluded from approving it).
 *
 * @example rollbackAction('alice', 'act-42', 'wrong file overwritten')
 */
export function rollbackAction(operator: string, actionId: string, reason: string): Action {
  return {
    agent: `operator:${operator}`,
    // One fixed session: the retry after approval must hash to the same action.
    session: 'warden-rollback',
    tool: ROLLBACK_TOOL,
    args: { actionId },
    context: { user: operator, reasoning: reason },
  }
}

/**
 * Runs a rollback through the decision stages that apply to an operator's action: risk (a rollback
 * rewrites files and rows: high, requiring `approvals.rollbackControl`, approve by default) and the
 * configured escalationRules. Policy and behavior stages govern agents, not operators, so they are not run.
 */
export async function evaluateRollback(
  loaded: LoadedConfig,
  action: Action,
  now?: number,
): Promise<Evaluation> {
  const rules = withConfigLocation(loaded, () => compileEscalationRules(loaded.config.escalationRules))
  const control: Decision = loaded.config.approvals?.rollbackControl ?? DEFAULT_RISK_CONTROLS.high
  const controls: Readonly<Record<Risk, Decision>> = { ...DEFAULT_RISK_CONTROLS, high: control }
  return runPipeline([riskStage(controls), escalationStage(rules)], action, now === undefined ? {} : { now })
}
