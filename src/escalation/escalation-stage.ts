import { mostRestrictive } from '../core/action.js'
import type { Stage } from '../core/stage.js'
import { ALLOW, deny, requireControl, type Verdict } from '../core/verdict.js'
import { escalationContext } from './escalation-context.js'
import type { CompiledRule } from './escalation-rules.js'

/**
 * The seed's escalationRules (stage 5): every rule whose condition holds asks for its control, and the most
 * restrictive one wins. A condition that fails to evaluate denies (fail closed), naming the rule.
 */
export function escalationStage(rules: readonly CompiledRule[]): Stage {
  return {
    name: 'escalation',
    check(action, ctx): Verdict {
      if (rules.length === 0) return ALLOW
      const context = escalationContext(action, ctx)
      const fired: CompiledRule[] = []
      for (const rule of rules) {
        let holds: unknown
        try {
          holds = rule.evaluate(context)
        } catch (error) {
          return deny(
            'ESCALATION_RULE_FAILED',
            `escalationRules[${rule.index}] (${rule.condition}) failed: ${(error as Error).message.split('\n')[0]}`,
          )
        }
        if (holds === true) fired.push(rule)
      }
      if (fired.length === 0) return ALLOW
      const decision = fired.map((r) => r.decision).reduce((a, b) => (mostRestrictive(a, b) === a ? a : b))
      const reason = fired
        .map((r) => `${r.condition}${r.reason === undefined ? '' : ` (${r.reason})`}`)
        .join('; ')
      const detail = { rules: fired.map((r) => r.index) }
      return decision === 'deny'
        ? deny('ESCALATION_RULE', `escalation rule: ${reason}`, detail)
        : requireControl(decision, 'ESCALATION_RULE', `escalation rule: ${reason}`, detail)
    },
  }
}
