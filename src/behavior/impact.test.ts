import { describe, expect, it } from 'vitest'
import type { Action } from '../core/action.js'
import { countsToward, impactOf } from './impact.js'

const pay = (amount: unknown, context?: Record<string, unknown>): Action => ({
  agent: 'a',
  tool: 'payments.transfer',
  args: { to: 'x', amount },
  ...(context === undefined ? {} : { context }),
})

describe('impactOf', () => {
  it('reads transaction.amount from the context first, then from a transfer', () => {
    expect(impactOf(pay(5, { transaction: { amount: 7 } }), 'transaction.amount')).toBe(7)
    expect(impactOf(pay('12.5'), 'transaction.amount')).toBe(12.5)
    expect(impactOf(pay(-300), 'transaction.amount')).toBe(300)
  })

  it('counts an amount that is not a finite number as unbounded (fail closed)', () => {
    for (const bad of [Number.POSITIVE_INFINITY, Number.NaN, 'lots', '1e999', {}]) {
      expect(impactOf(pay(bad), 'transaction.amount')).toBe(Number.POSITIVE_INFINITY)
    }
  })

  it('counts recipients, deletions, bytes of writes and rows affected', () => {
    expect(impactOf({ agent: 'a', tool: 'email.send', args: { to: ['x@y', 'z@y'] } }, 'emails.sent')).toBe(2)
    expect(impactOf({ agent: 'a', tool: 'files.delete', args: { path: '/x' } }, 'files.deleted')).toBe(1)
    expect(
      impactOf(
        { agent: 'a', tool: 'http.request', args: { method: 'POST', url: 'https://x', body: 'é' } },
        'bytes.out',
      ),
    ).toBe(2)
    expect(
      impactOf(
        { agent: 'a', tool: 'http.request', args: { method: 'GET', url: 'https://x', body: 'abc' } },
        'bytes.out',
      ),
    ).toBe(0)
    const q: Action = { agent: 'a', tool: 'db.query', args: { sql: 'DELETE FROM t' } }
    expect(impactOf(q, 'rows.written', { structuredContent: { rowsAffected: 40 } })).toBe(40)
    expect(impactOf(q, 'rows.written', { structuredContent: { rowsAffected: -1 } })).toBe(0)
  })
})

describe('countsToward', () => {
  it('takes the published SQL kind over its own guess', () => {
    const q: Action = { agent: 'a', tool: 'db.query', args: { sql: 'WITH x AS (SELECT 1) SELECT * FROM x' } }
    expect(countsToward(q, 'rows.written')).toBe(true)
    expect(countsToward(q, 'rows.written', 'SELECT')).toBe(false)
    expect(countsToward({ ...q, args: { sql: 'select 1' } }, 'rows.written')).toBe(false)
  })

  it('applies each sum only to the tools that can add to it', () => {
    expect(countsToward({ agent: 'a', tool: 'files.read', args: {} }, 'files.deleted')).toBe(false)
    expect(countsToward(pay(1), 'transaction.amount')).toBe(true)
    expect(
      countsToward(
        { agent: 'a', tool: 'x/y', args: {}, context: { transaction: { amount: 1 } } },
        'transaction.amount',
      ),
    ).toBe(true)
  })
})
