import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { anAction } from '../../test/builders/action.js'
import { parseConfig, withConfigLocation } from '../config/load.js'
import type { Action } from '../core/action.js'
import { runPipeline } from '../core/pipeline.js'
import type { Stage } from '../core/stage.js'
import { ALLOW } from '../core/verdict.js'
import { WardenError } from '../errors/warden-error.js'
import { toCelSource } from './cel-source.js'
import { compileEscalationRules } from './escalation-rules.js'
import { escalationStage } from './escalation-stage.js'
import { seedEscalationStage } from './seed-escalation-stage.case.js'

// The seed's five rules, exactly as the seed writes them.
const stage = seedEscalationStage()

/** A stage standing for what earlier stages publish (risk, classification, anomaly). */
const earlier = (facts: Record<string, unknown>, risk: 'low' | 'high' = 'low'): Stage => ({
  name: 'earlier',
  check(_a, ctx) {
    Object.assign(ctx.facts, facts)
    ctx.risk = risk
    return ALLOW
  },
})

async function decide(action: Action, facts: Record<string, unknown> = {}) {
  return runPipeline([earlier(facts), stage], action)
}

describe('escalationStage with the seed rules', () => {
  it('requires approval for a transfer above 10,000, read from its arguments', async () => {
    const big = await decide(
      anAction({ tool: 'payments.transfer', args: { to: 'x', amount: 50_000, currency: 'EUR' } }),
    )
    expect(big.decision).toBe('approve')
    expect(big.reasons[0]).toMatchObject({ stage: 'escalation', code: 'ESCALATION_RULE' })
    expect(big.reasons[0]?.message).toContain('transaction.amount > 10000')
  })

  it('does not let the agent state a smaller amount than the arguments carry', async () => {
    const e = await decide(
      anAction({
        tool: 'payments.transfer',
        args: { to: 'x', amount: 50_000 },
        context: { transaction: { amount: 5 } },
      }),
    )
    expect(e.decision).toBe('approve')
  })

  it('requires approval when the data is confidential, stated or detected', async () => {
    expect((await decide(anAction({ context: { data: { classification: 'confidential' } } }))).decision).toBe(
      'approve',
    )
    expect((await decide(anAction(), { 'data.classification': 'confidential' })).decision).toBe('approve')
    expect((await decide(anAction({ context: { data: { classification: 'public' } } }))).decision).toBe(
      'allow',
    )
  })

  it('requires approval for an irreversible action (mail sent, money moved, outside writes)', async () => {
    expect((await decide(anAction({ tool: 'email.send', args: { to: 'a@b.example' } }))).decision).toBe(
      'approve',
    )
    expect(
      (await decide(anAction({ tool: 'http.request', args: { method: 'POST', url: 'https://a.example' } })))
        .decision,
    ).toBe('approve')
    expect(
      (await decide(anAction({ tool: 'http.request', args: { method: 'GET', url: 'https://a.example' } })))
        .decision,
    ).toBe('allow')
  })

  it('asks for review when the agent is not confident', async () => {
    expect((await decide(anAction({ context: { confidence: 0.5 } }))).decision).toBe('review')
    expect((await decide(anAction({ context: { confidence: 0.9 } }))).decision).toBe('allow')
  })

  it('pauses when an anomaly was detected, the most restrictive rule winning', async () => {
    const e = await decide(anAction({ context: { confidence: 0.1 } }), { 'guardrails.anomalyDetected': true })
    expect(e.decision).toBe('pause')
  })

  it('allows an ordinary read', async () => {
    expect((await decide(anAction())).decision).toBe('allow')
  })
})

describe('compileEscalationRules', () => {
  const compile = (yaml: string) => {
    const loaded = parseConfig(yaml, 'rules.yaml')
    return withConfigLocation(loaded, () => compileEscalationRules(loaded.config.escalationRules))
  }
  const failure = (yaml: string): WardenError => {
    try {
      compile(yaml)
    } catch (error) {
      if (error instanceof WardenError) return error
      throw error
    }
    throw new Error('expected a config error')
  }

  it('refuses an unknown variable naming the file, line and rule', () => {
    const e = failure(
      "escalationRules:\n  - { condition: 'transaction.amount > 1' , action: pause }\n  - { condition: 'user.isAdmin', action: pause }\n",
    )
    expect(e.code).toBe('CONFIG_INVALID')
    expect(e.message).toMatch(/^rules\.yaml:3:\d+: escalationRules\[1\]\.condition:/)
  })

  it('refuses a type error and a condition that is not a boolean', () => {
    expect(
      failure('escalationRules:\n  - { condition: \'transaction.amount > "many"\', action: pause }\n').code,
    ).toBe('CONFIG_INVALID')
    expect(
      failure("escalationRules:\n  - { condition: 'agent.confidence', action: pause }\n").message,
    ).toMatch(/not a boolean/)
  })

  it('refuses a syntax error', () => {
    expect(failure("escalationRules:\n  - { condition: 'transaction.amount >', action: pause }\n").code).toBe(
      'CONFIG_INVALID',
    )
  })
})

describe('toCelSource', () => {
  it('turns === and !== into == and != outside strings only', () => {
    expect(toCelSource('a === "x === y" && b !== \'!==\'')).toBe('a == "x === y" && b != \'!==\'')
  })

  it('leaves text without === or !== unchanged', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        fc.pre(!s.includes('===') && !s.includes('!=='))
        expect(toCelSource(s)).toBe(s)
      }),
    )
  })
})

describe('escalationStage at run time', () => {
  // A rule that type-checks at load but cannot be evaluated for this action (integer division by zero):
  // the action is denied, naming the rule, rather than the rule being skipped (Cedar would skip it).
  const failing = escalationStage(
    compileEscalationRules(
      parseConfig(`
escalationRules:
  - { condition: 'int(transaction.amount) / int(agent.confidence) > 1', action: requireApproval }
`).config.escalationRules,
    ),
  )

  it('denies with ESCALATION_RULE_FAILED when a condition fails to evaluate', async () => {
    const e = await runPipeline(
      [failing],
      anAction({
        tool: 'payments.transfer',
        args: { to: 'x', amount: 5, currency: 'EUR' },
        context: { confidence: 0 },
      }),
    )
    expect(e.decision).toBe('deny')
    expect(e.reasons[0]).toMatchObject({ stage: 'escalation', code: 'ESCALATION_RULE_FAILED' })
    expect(e.reasons[0]?.message).toContain('escalationRules[0]')
  })

  it('evaluates the same rule normally when it can', async () => {
    const e = await runPipeline(
      [failing],
      anAction({
        tool: 'payments.transfer',
        args: { to: 'x', amount: 5, currency: 'EUR' },
        context: { confidence: 1 },
      }),
    )
    expect(e.decision).toBe('approve')
  })
})
