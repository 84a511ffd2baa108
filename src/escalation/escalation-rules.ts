import { Environment } from '@marcbachmann/cel-js'
import { ConfigPathError } from '../config/load.js'
import type { EscalationRule } from '../config/schema.js'
import type { Decision } from '../core/action.js'
import { toCelSource } from './cel-source.js'
import { ESCALATION_VARIABLES } from './escalation-context.js'

/** What each rule action of the seed asks for, as a pipeline decision. */
export const RULE_DECISIONS: Readonly<Record<EscalationRule['action'], Exclude<Decision, 'allow'>>> =
  Object.freeze({
    requireApproval: 'approve',
    requireMultiApproval: 'multi_approve',
    requireConfirmation: 'confirm',
    requireReview: 'review',
    pause: 'pause',
    deny: 'deny',
  })

export interface CompiledRule {
  readonly index: number
  readonly condition: string
  readonly decision: Exclude<Decision, 'allow'>
  readonly reason: string | undefined
  readonly evaluate: (context: Record<string, unknown>) => unknown
}

let environment: Environment | undefined

function celEnvironment(): Environment {
  if (environment !== undefined) return environment
  const env = new Environment({
    limits: {
      maxAstNodes: 2_000,
      maxDepth: 50,
      maxListElements: 1_000,
      maxMapEntries: 1_000,
      maxCallArguments: 32,
    },
  })
  for (const [name, schema] of Object.entries(ESCALATION_VARIABLES))
    env.registerVariable({ name, schema: { ...schema } })
  environment = env
  return env
}

/**
 * Parses and type-checks every condition once, against the known variables: an unknown variable, a type
 * error or a condition that is not a boolean is a configuration error naming the rule's line.
 */
export function compileEscalationRules(rules: readonly EscalationRule[]): CompiledRule[] {
  const env = celEnvironment()
  return rules.map((rule, index) => {
    const at = ['escalationRules', index, 'condition']
    const source = toCelSource(rule.condition)
    let checked: { valid: boolean; type?: string; error?: { message?: string } }
    try {
      checked = env.check(source) as typeof checked
    } catch (error) {
      throw new ConfigPathError(at, `not a valid condition: ${(error as Error).message.split('\n')[0]}`)
    }
    if (!checked.valid) {
      const detail = checked.error?.message?.split('\n')[0] ?? 'type error'
      throw new ConfigPathError(at, `${detail} (known variables: ${knownVariables()})`)
    }
    if (checked.type !== 'bool')
      throw new ConfigPathError(at, `the condition is a ${checked.type}, not a boolean`)
    const program = env.parse(source)
    return {
      index,
      condition: rule.condition,
      decision: RULE_DECISIONS[rule.action],
      reason: rule.reason,
      evaluate: (context) => program(context),
    }
  })
}

function knownVariables(): string {
  return Object.entries(ESCALATION_VARIABLES)
    .flatMap(([name, fields]) => Object.keys(fields).map((f) => `${name}.${f}`))
    .join(', ')
}
