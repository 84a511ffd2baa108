import { mkdirSync } from 'node:fs'
import { dirname, isAbsolute, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { WardenError } from '../../errors/warden-error.js'

/** Currencies the sandbox ledger keeps, with their minor-unit digits (ISO 4217). */
export const LEDGER_CURRENCIES: Readonly<Record<string, number>> = Object.freeze({
  USD: 2,
  EUR: 2,
  GBP: 2,
  CHF: 2,
  JPY: 0,
})

/** The account every governed transfer is paid from, opened with this balance per currency (major units). */
export const OPERATING_ACCOUNT = 'operating'
export const OPENING_BALANCE = 250_000

/** One transfer from the operating account, in minor units. */
export interface Transfer {
  readonly actionId: string
  readonly agentId: string
  readonly to: string
  readonly currency: string
  readonly amountMinor: number
}

/** The balances after a transfer, or why it was refused. */
export type TransferOutcome =
  | {
      readonly ok: true
      readonly fromBalance: number
      readonly toBalance: number
      readonly replayed: boolean
    }
  | { readonly ok: false; readonly code: string; readonly message: string }

/**
 * The sandbox ledger behind payments.transfer: balances in integer minor units (no float drift), one
 * transaction per transfer, no overdraft, and one transfer per action id (a retried action is not paid
 * twice).
 */
export class Ledger {
  readonly #db: Database.Database

  constructor(path: string) {
    this.#db = new Database(path)
    this.#db.pragma('journal_mode = WAL')
    this.#db.exec(`
      CREATE TABLE IF NOT EXISTS accounts (id TEXT NOT NULL, currency TEXT NOT NULL,
        balance_minor INTEGER NOT NULL, PRIMARY KEY (id, currency));
      CREATE TABLE IF NOT EXISTS transfers (seq INTEGER PRIMARY KEY, action_id TEXT NOT NULL UNIQUE,
        agent_id TEXT NOT NULL, from_account TEXT NOT NULL, to_account TEXT NOT NULL, currency TEXT NOT NULL,
        amount_minor INTEGER NOT NULL, at TEXT NOT NULL);`)
    const open = this.#db.prepare('INSERT OR IGNORE INTO accounts VALUES (?, ?, ?)')
    for (const [currency, digits] of Object.entries(LEDGER_CURRENCIES)) {
      open.run(OPERATING_ACCOUNT, currency, OPENING_BALANCE * 10 ** digits)
    }
  }

  /** The balance of an account in minor units (0 for an account never paid). */
  balance(account: string, currency: string): number {
    const row = this.#db
      .prepare('SELECT balance_minor AS b FROM accounts WHERE id = ? AND currency = ?')
      .get(account, currency) as { b: number } | undefined
    return row?.b ?? 0
  }

  /** Moves money from the operating account, or says why not (overdraft); a replayed action id changes nothing. */
  transfer(t: Transfer): TransferOutcome {
    return this.#db
      .transaction((): TransferOutcome => {
        const done = this.#db
          .prepare('SELECT to_account, currency, amount_minor FROM transfers WHERE action_id = ?')
          .get(t.actionId)
        if (done !== undefined) {
          return {
            ok: true,
            fromBalance: this.balance(OPERATING_ACCOUNT, t.currency),
            toBalance: this.balance(t.to, t.currency),
            replayed: true,
          }
        }
        const from = this.balance(OPERATING_ACCOUNT, t.currency)
        if (from < t.amountMinor) {
          return {
            ok: false,
            code: 'TOOL_PAYMENT_INSUFFICIENT_FUNDS',
            message: `the ${t.currency} balance is too low for this transfer`,
          }
        }
        this.#db
          .prepare('UPDATE accounts SET balance_minor = balance_minor - ? WHERE id = ? AND currency = ?')
          .run(t.amountMinor, OPERATING_ACCOUNT, t.currency)
        this.#db
          .prepare(
            'INSERT INTO accounts VALUES (?, ?, ?) ON CONFLICT (id, currency) DO UPDATE SET balance_minor = balance_minor + excluded.balance_minor',
          )
          .run(t.to, t.currency, t.amountMinor)
        this.#db
          .prepare(
            'INSERT INTO transfers (action_id, agent_id, from_account, to_account, currency, amount_minor, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
          )
          .run(
            t.actionId,
            t.agentId,
            OPERATING_ACCOUNT,
            t.to,
            t.currency,
            t.amountMinor,
            new Date().toISOString(),
          )
        return {
          ok: true,
          fromBalance: from - t.amountMinor,
          toBalance: this.balance(t.to, t.currency),
          replayed: false,
        }
      })
      .immediate()
  }

  close(): void {
    this.#db.close()
  }
}

/**
 * Opens `governed.payments.ledger` (`sqlite:PATH`, relative to `cwd`), creating the sandbox ledger with
 * its operating account when missing.
 *
 * @example openLedger('sqlite:./sandbox/ledger.db', process.cwd())
 */
export function openLedger(url: string, cwd: string): Ledger {
  const path = url.startsWith('sqlite:') ? url.slice('sqlite:'.length) : ''
  if (path === '' || path === ':memory:') {
    throw new WardenError(
      'TOOL_LEDGER_UNAVAILABLE',
      'governed.payments.ledger must be sqlite:PATH (a sandbox ledger)',
    )
  }
  const absolute = isAbsolute(path) ? path : resolve(cwd, path)
  mkdirSync(dirname(absolute), { recursive: true })
  return new Ledger(absolute)
}
