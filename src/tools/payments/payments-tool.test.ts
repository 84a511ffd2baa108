import { join } from 'node:path'
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ToolResult } from '../../gateway/tool-source.js'
import { anOptions, aSandbox, codeOf } from '../tools-fixture.case.js'
import { Ledger, OPENING_BALANCE } from './ledger.js'
import { runPaymentTransfer } from './payments-tool.js'

let box: Awaited<ReturnType<typeof aSandbox>>
beforeEach(async () => {
  box = await aSandbox()
})
afterEach(async () => box.cleanup())

type Balances = Record<string, number>
const balancesOf = (result: ToolResult) => result.structuredContent?.balances as Balances

describe('payments.transfer', () => {
  it('moves money between ledger accounts', async () => {
    const result = await box.tools.call(
      'payments.transfer',
      { to: 'acme-supplies', amount: 1250.5, currency: 'EUR' },
      anOptions(),
    )
    expect(balancesOf(result)).toEqual({ operating: OPENING_BALANCE - 1250.5, 'acme-supplies': 1250.5 })
    const again = await box.tools.call(
      'payments.transfer',
      { to: 'acme-supplies', amount: 0.5, currency: 'EUR' },
      anOptions(),
    )
    expect(balancesOf(again)).toEqual({ operating: OPENING_BALANCE - 1251, 'acme-supplies': 1251 })
  })

  it('pays a retried action once', async () => {
    const options = anOptions()
    await box.tools.call('payments.transfer', { to: 'bob', amount: 10, currency: 'USD' }, options)
    const retry = await box.tools.call(
      'payments.transfer',
      { to: 'bob', amount: 10, currency: 'USD' },
      options,
    )
    expect(retry.structuredContent).toMatchObject({ replayed: true, balances: { bob: 10 } })
  })

  it('refuses an overdraft and leaves the ledger as it was', async () => {
    const result = await box.tools.call(
      'payments.transfer',
      { to: 'bob', amount: OPENING_BALANCE + 0.01, currency: 'USD' },
      anOptions(),
    )
    expect(codeOf(result)).toBe('TOOL_PAYMENT_INSUFFICIENT_FUNDS')
    const probe = await box.tools.call(
      'payments.transfer',
      { to: 'bob', amount: 1, currency: 'USD' },
      anOptions({ dryRun: true }),
    )
    expect(probe.structuredContent).toMatchObject({
      ledger: { from: { before: OPENING_BALANCE }, to: { before: 0 } },
    })
  })

  it('refuses bad currencies, recipients and amounts (negative, zero, non-finite, too precise, wrong type)', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ to: 'bob', amount: 1, currency: 'XXX' }, 'TOOL_PAYMENT_INVALID_CURRENCY'],
      [{ to: 'bob', amount: 1, currency: 'usd' }, 'TOOL_PAYMENT_INVALID_CURRENCY'],
      [{ to: 'operating', amount: 1, currency: 'USD' }, 'TOOL_PAYMENT_INVALID_RECIPIENT'],
      [{ to: '', amount: 1, currency: 'USD' }, 'TOOL_PAYMENT_INVALID_RECIPIENT'],
      [{ to: 'bob', amount: -5, currency: 'USD' }, 'TOOL_PAYMENT_INVALID_AMOUNT'],
      [{ to: 'bob', amount: 0, currency: 'USD' }, 'TOOL_PAYMENT_INVALID_AMOUNT'],
      [{ to: 'bob', amount: Number.NaN, currency: 'USD' }, 'TOOL_PAYMENT_INVALID_AMOUNT'],
      [{ to: 'bob', amount: Number.POSITIVE_INFINITY, currency: 'USD' }, 'TOOL_PAYMENT_INVALID_AMOUNT'],
      [{ to: 'bob', amount: 0.001, currency: 'USD' }, 'TOOL_PAYMENT_INVALID_AMOUNT'],
      [{ to: 'bob', amount: 1.5, currency: 'JPY' }, 'TOOL_PAYMENT_INVALID_AMOUNT'],
      [{ to: 'bob', amount: '100', currency: 'USD' }, 'TOOL_PAYMENT_INVALID_AMOUNT'],
      [{ to: 'bob', amount: 2_000_000, currency: 'USD' }, 'TOOL_PAYMENT_INVALID_AMOUNT'],
    ]
    for (const [args, code] of cases)
      expect(codeOf(await box.tools.call('payments.transfer', args, anOptions())), JSON.stringify(args)).toBe(
        code,
      )
  })

  it('dry-run shows the ledger change and moves nothing', async () => {
    const result = await box.tools.call(
      'payments.transfer',
      { to: 'bob', amount: 99.99, currency: 'GBP' },
      anOptions({ dryRun: true }),
    )
    expect(result.structuredContent).toMatchObject({
      dryRun: true,
      ledger: {
        from: { account: 'operating', before: OPENING_BALANCE, after: OPENING_BALANCE - 99.99 },
        to: { account: 'bob', before: 0, after: 99.99 },
      },
    })
    const real = await box.tools.call(
      'payments.transfer',
      { to: 'bob', amount: 0.01, currency: 'GBP' },
      anOptions(),
    )
    expect(balancesOf(real)).toEqual({ operating: OPENING_BALANCE - 0.01, bob: 0.01 })
  })

  it('conserves money and never overdraws over any sequence of transfers (property)', () => {
    const ledger = new Ledger(join(box.cwd, 'sandbox', 'property-ledger.db'))
    try {
      const total = () => ['operating', 'x', 'y', 'z'].reduce((sum, a) => sum + ledger.balance(a, 'CHF'), 0)
      const opening = total()
      fc.assert(
        fc.property(
          fc.array(
            fc.record({
              to: fc.constantFrom('x', 'y', 'z'),
              cents: fc.integer({ min: -100, max: 3_000_000 }),
            }),
            { maxLength: 20 },
          ),
          (moves) => {
            for (const { to, cents } of moves) {
              runPaymentTransfer(
                { to, amount: cents / 100, currency: 'CHF' },
                { ...anOptions(), dryRun: false },
                ledger,
              )
              expect(total()).toBe(opening)
              expect(ledger.balance('operating', 'CHF')).toBeGreaterThanOrEqual(0)
            }
          },
        ),
        { numRuns: 50 },
      )
    } finally {
      ledger.close()
    }
  })
})
