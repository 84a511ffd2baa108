import type { CatalogArea } from '../entry.js'

export const escalationCodes: CatalogArea = {
  ESCALATION_RULE: {
    kind: 'decision',
    meaning:
      'One or more escalationRules matched the action; the reason lists their conditions, the detail their indexes.',
    fix: 'Obtain the control the decision names (approval, review, ...), or adjust the rule if it should not apply.',
  },
  ESCALATION_RULE_FAILED: {
    kind: 'decision',
    meaning:
      'An escalation condition could not be evaluated for this action (e.g. a value of an unexpected type); the action was denied (fail closed).',
    fix: 'Fix the condition named in the reason; conditions are type-checked at load, so this means the action context had an unexpected shape.',
  },
}
