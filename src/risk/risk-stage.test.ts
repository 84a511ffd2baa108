import { describe, expect, it } from 'vitest'
import { anAction } from '../../test/builders/action.js'
import { parseConfig } from '../config/load.js'
import { createEngine } from '../engine/engine.js'

const engine = await createEngine(
  parseConfig(`
agents:
  ops:
    permissions:
      database: { tables: [orders], operations: [SELECT, INSERT, DELETE] }
      tools: { allow: [payments.transfer, okta/assign_role, docs/search] }
`),
)

describe('riskStage', () => {
  it.each([
    ['SELECT id FROM orders LIMIT 5', 'low', 'allow'],
    ['INSERT INTO orders (id) VALUES (1)', 'medium', 'confirm'],
    ['DELETE FROM orders WHERE id = 1', 'high', 'approve'],
    ['WITH d AS (DELETE FROM orders WHERE id = 1 RETURNING id) SELECT id FROM d LIMIT 5', 'high', 'approve'],
  ])('rates %s as %s and requires %s', async (sql, risk, decision) => {
    const e = await engine.evaluate(anAction({ agent: 'ops', tool: 'db.query', args: { sql } }))
    expect(e.risk).toBe(risk)
    expect(e.decision).toBe(decision)
  })

  it("applies the seed's controls: high → approve, critical → multi_approve, low → logging only", async () => {
    const transfer = await engine.evaluate(
      anAction({ agent: 'ops', tool: 'payments.transfer', args: { to: 'x', amount: 5, currency: 'EUR' } }),
    )
    expect([transfer.risk, transfer.decision]).toEqual(['high', 'approve'])
    expect(transfer.reasons).toContainEqual(expect.objectContaining({ stage: 'risk', code: 'RISK_HIGH' }))
    const grant = await engine.evaluate(
      anAction({ agent: 'ops', tool: 'okta/assign_role', args: { user: 'a', role: 'viewer' } }),
    )
    expect([grant.risk, grant.decision]).toEqual(['critical', 'multi_approve'])
    const search = await engine.evaluate(anAction({ agent: 'ops', tool: 'docs/search', args: { q: 'x' } }))
    expect([search.risk, search.decision]).toEqual(['low', 'allow'])
  })
})
