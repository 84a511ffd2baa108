import type { ToolResult } from '../../gateway/tool-source.js'
import { TOOL_LIMITS } from '../tool-limits.js'
import { failure, success } from '../tool-result.js'
import { LEDGER_CURRENCIES, type Ledger, OPERATING_ACCOUNT } from './ledger.js'

/** What one payments.transfer call knows besides its arguments. */
export interface PaymentCall {
  readonly dryRun: boolean
  readonly actionId: string
  readonly agentId: string
}

const RECIPIENT = /^[A-Za-z0-9][A-Za-z0-9 ._@:-]{0,99}$/

/**
 * Runs payments.transfer against the sandbox ledger. The amount must be a finite positive number in the
 * currency's minor units (no third decimal of a euro, no fraction of a yen) and at most
 * maxTransferAmount; the currency one the ledger keeps. A dry-run shows both balances before and after.
 */
export function runPaymentTransfer(
  args: Readonly<Record<string, unknown>>,
  call: PaymentCall,
  ledger: Ledger,
): ToolResult {
  const { to, amount, currency } = args
  if (typeof to !== 'string' || !RECIPIENT.test(to) || to === OPERATING_ACCOUNT) {
    return failure(
      'TOOL_PAYMENT_INVALID_RECIPIENT',
      'to must name another account (letters, digits, space . _ @ : -)',
    )
  }
  if (typeof currency !== 'string' || !Object.hasOwn(LEDGER_CURRENCIES, currency)) {
    return failure(
      'TOOL_PAYMENT_INVALID_CURRENCY',
      `currency must be one of ${Object.keys(LEDGER_CURRENCIES).join(', ')}`,
    )
  }
  const digits = LEDGER_CURRENCIES[currency] ?? 2
  if (
    typeof amount !== 'number' ||
    !Number.isFinite(amount) ||
    amount <= 0 ||
    amount > TOOL_LIMITS.maxTransferAmount
  ) {
    return failure(
      'TOOL_PAYMENT_INVALID_AMOUNT',
      `amount must be a positive number of at most ${TOOL_LIMITS.maxTransferAmount}`,
    )
  }
  const scaled = amount * 10 ** digits
  const amountMinor = Math.round(scaled)
  if (Math.abs(scaled - amountMinor) > 1e-6 || amountMinor === 0) {
    return failure('TOOL_PAYMENT_INVALID_AMOUNT', `${currency} amounts have at most ${digits} decimal places`)
  }
  const before = { from: ledger.balance(OPERATING_ACCOUNT, currency), to: ledger.balance(to, currency) }
  const major = (minor: number) => minor / 10 ** digits
  if (call.dryRun) {
    if (before.from < amountMinor) {
      return failure(
        'TOOL_PAYMENT_INSUFFICIENT_FUNDS',
        `the ${currency} balance is too low for this transfer`,
      )
    }
    const change = {
      from: {
        account: OPERATING_ACCOUNT,
        before: major(before.from),
        after: major(before.from - amountMinor),
      },
      to: { account: to, before: major(before.to), after: major(before.to + amountMinor) },
    }
    return success(`dry-run: would move ${amount} ${currency} from ${OPERATING_ACCOUNT} to ${to}`, {
      dryRun: true,
      amount,
      currency,
      ledger: change,
    })
  }
  const outcome = ledger.transfer({
    actionId: call.actionId,
    agentId: call.agentId,
    to,
    currency,
    amountMinor,
  })
  if (!outcome.ok) return failure(outcome.code, outcome.message)
  const text = outcome.replayed
    ? `transfer for action ${call.actionId} was already made; nothing moved again`
    : `moved ${amount} ${currency} from ${OPERATING_ACCOUNT} to ${to}`
  return success(text, {
    amount,
    currency,
    to,
    replayed: outcome.replayed,
    balances: { [OPERATING_ACCOUNT]: major(outcome.fromBalance), [to]: major(outcome.toBalance) },
  })
}
