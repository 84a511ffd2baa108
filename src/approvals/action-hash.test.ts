import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { canonicalJson } from '../audit/canonical-json.js'
import { actionHash } from './action-hash.js'

const base = { agent: 'payer', session: 's1', tool: 'payments.transfer', args: { to: 'a', amount: 5 } }

describe('actionHash', () => {
  it('ignores key order and context, so a retry of the same action matches its approval', () => {
    const reordered = { tool: base.tool, args: { amount: 5, to: 'a' }, session: 's1', agent: 'payer' }
    expect(actionHash(reordered)).toBe(actionHash(base))
    expect(actionHash({ ...base, context: { reasoning: 'other words' } } as typeof base)).toBe(
      actionHash(base),
    )
  })

  it('gives the same hash to a structurally equal copy', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (a) => {
        const copy = JSON.parse(JSON.stringify(a)) as Record<string, unknown>
        return (
          actionHash({ agent: 'x', tool: 't', args: a }) === actionHash({ agent: 'x', tool: 't', args: copy })
        )
      }),
    )
  })

  it('changes when agent, session, tool or any argument changes', () => {
    const h = actionHash(base)
    expect(actionHash({ ...base, agent: 'other' })).not.toBe(h)
    expect(actionHash({ ...base, session: 's2' })).not.toBe(h)
    expect(actionHash({ ...base, tool: 'payments.refund' })).not.toBe(h)
    expect(actionHash({ ...base, args: { to: 'a', amount: 5.01 } })).not.toBe(h)
    expect(actionHash({ ...base, args: { to: 'a', amount: '5' } })).not.toBe(h)
    expect(actionHash({ ...base, args: { to: 'a', amount: 5, memo: 'x' } })).not.toBe(h)
  })

  it('gives two argument sets the same hash exactly when they hold the same value', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.jsonValue()),
        fc.dictionary(fc.string(), fc.jsonValue()),
        (a, b) => {
          if (canonicalJson(a) === canonicalJson(b)) return true
          const ha = actionHash({ agent: 'x', tool: 't', args: a })
          const hb = actionHash({ agent: 'x', tool: 't', args: b })
          return ha !== hb
        },
      ),
    )
  })
})
