import { describe, expect, it } from 'vitest'
import type { Action } from '../core/action.js'
import { runPipeline } from '../core/pipeline.js'
import type { Stage } from '../core/stage.js'
import { ALLOW } from '../core/verdict.js'
import { seedEscalationStage } from '../escalation/seed-escalation-stage.case.js'
import { aService } from './test-service.js'

// The seed's five rules as the seed writes them, through the real escalation stage into the gate.
const escalation = seedEscalationStage()
const facts = (f: Record<string, unknown>): Stage => ({
  name: 'earlier',
  check(_a, ctx) {
    Object.assign(ctx.facts, f)
    return ALLOW
  },
})

async function holdThenApprove(action: Action, published: Record<string, unknown> = {}) {
  const { service } = aService({ config: { groups: { leads: ['lee'] }, defaultGroup: 'leads' } })
  const evaluation = await runPipeline([facts(published), escalation], action)
  expect(evaluation.decision).toBe('approve')
  const held = await service.gate(action, evaluation)
  expect(held).toMatchObject({ proceed: false, code: 'APPROVAL_PENDING' })
  await service.decide(held.proceed ? '' : held.approvalId, 'lee', 'approve', 'checked')
  expect((await service.gate(action, evaluation)).proceed).toBe(true)
  expect((await service.gate(action, evaluation)).proceed).toBe(false)
}

const base: Action = { agent: 'a', session: 's', tool: 'files.read', args: { path: '/data/public/a.txt' } }

describe('the seed rules through the approval gate', () => {
  it('transaction.amount > 10000: a 50,000 transfer is held until approved, then runs once', () =>
    holdThenApprove({
      ...base,
      tool: 'payments.transfer',
      args: { to: 'x', amount: 50_000, currency: 'EUR' },
    }))

  it('data.classification === "confidential": held until approved', () =>
    holdThenApprove(base, { 'data.classification': 'confidential' }))

  it('action.reversible === false: an email is held until approved', () =>
    holdThenApprove({ ...base, tool: 'email.send', args: { to: 'a@b.example', subject: 's', body: 'b' } }))

  it('agent.confidence < 0.7: proceeds and is queued for review', async () => {
    const { service } = aService()
    const action = { ...base, context: { confidence: 0.5 } }
    const evaluation = await runPipeline([escalation], action)
    expect(evaluation.decision).toBe('review')
    expect((await service.gate(action, evaluation)).proceed).toBe(true)
    expect(await service.list({ status: 'pending' })).toMatchObject([
      { kind: 'review', context: { confidence: 0.5 } },
    ])
  })

  it('guardrails.anomalyDetected: pause is not something an approver can lift', async () => {
    const { service } = aService()
    const evaluation = await runPipeline([facts({ 'guardrails.anomalyDetected': true }), escalation], base)
    expect(evaluation.decision).toBe('pause')
    await expect(service.gate(base, evaluation)).rejects.toMatchObject({ code: 'APPROVAL_NOT_APPLICABLE' })
  })
})
