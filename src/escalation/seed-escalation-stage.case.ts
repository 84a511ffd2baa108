import { parseConfig } from '../config/load.js'
import type { Stage } from '../core/stage.js'
import { compileEscalationRules } from './escalation-rules.js'
import { escalationStage } from './escalation-stage.js'

/** The seed's five escalationRules, exactly as the seed writes them (what tests hold Warden to). */
const SEED_ESCALATION_RULES_YAML = `
escalationRules:
  - { condition: 'transaction.amount > 10000', action: requireApproval }
  - { condition: 'data.classification === "confidential"', action: requireApproval }
  - { condition: 'action.reversible === false', action: requireApproval }
  - { condition: 'agent.confidence < 0.7', action: requireReview }
  - { condition: 'guardrails.anomalyDetected', action: pause }
`

/** The escalation stage loaded from the seed's rules through the real config loader and compiler. */
export function seedEscalationStage(): Stage {
  return escalationStage(
    compileEscalationRules(parseConfig(SEED_ESCALATION_RULES_YAML).config.escalationRules),
  )
}
