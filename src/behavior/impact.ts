import type { BehaviorConfig } from '../config/schema.js'
import type { Action } from '../core/action.js'
import { destinationsOf } from '../flow/destinations.js'
import { parseDuration } from './duration.js'

/** The sums a budget can cap. */
export type ImpactSum = BehaviorConfig['budgets'][number]['sum']

/** One cumulative-impact budget, compiled. */
export interface Budget {
  readonly name: string
  readonly sum: ImpactSum
  readonly limit: number
  readonly windowMs: number
  readonly per: 'agent' | 'session'
}

/** Compiles `behavior.budgets` (windows parsed once). */
export function compileBudgets(specs: BehaviorConfig['budgets']): Budget[] {
  return specs.map((s) => ({
    name: s.name,
    sum: s.sum,
    limit: s.limit,
    windowMs: parseDuration(s.window),
    per: s.per,
  }))
}

/** The store key of `budget` for the agent (or session) of `action`. */
export function budgetKey(budget: Budget, index: number, action: Action): string {
  const who = `{${encodeURIComponent(action.agent)}}`
  return budget.per === 'agent'
    ? `impact:${index}:${who}`
    : `impact:${index}:${who}:${encodeURIComponent(action.session ?? '')}`
}

const WRITE_SQL = /^\s*(insert|update|delete|merge|truncate|upsert|replace|copy|create|drop|alter|with)\b/i

/**
 * Whether `action` can add to `sum` at all (a budget already spent pauses only the actions that would
 * spend more of it). `sqlKind` is the policy stage's parse of db.query, when published.
 */
export function countsToward(action: Action, sum: ImpactSum, sqlKind?: string): boolean {
  switch (sum) {
    case 'transaction.amount':
      return action.tool === 'payments.transfer' || transactionAmount(action) !== undefined
    case 'rows.written':
      if (action.tool !== 'db.query') return false
      if (sqlKind !== undefined) return sqlKind !== 'SELECT'
      return typeof action.args['sql'] === 'string' && WRITE_SQL.test(action.args['sql'])
    case 'files.deleted':
      return action.tool === 'files.delete'
    case 'emails.sent':
      return action.tool === 'email.send'
    case 'bytes.out':
      return outBytes(action) > 0
  }
}

/**
 * What `action` adds to `sum`: known from the arguments before it runs, refined by the result after
 * (rows written are known only then). Amounts count by magnitude: a negative transfer cannot refill a budget.
 *
 * @example impactOf({ agent: 'a', tool: 'email.send', args: { to: ['x@y', 'z@y'] } }, 'emails.sent') // 2
 */
export function impactOf(action: Action, sum: ImpactSum, result?: unknown): number {
  switch (sum) {
    case 'transaction.amount':
      return Math.abs(transactionAmount(action) ?? 0)
    case 'rows.written':
      return action.tool === 'db.query' ? rowsAffected(result) : 0
    case 'files.deleted':
      return action.tool === 'files.delete' ? 1 : 0
    case 'emails.sent':
      return action.tool === 'email.send' ? Math.max(1, destinationsOf(action).length) : 0
    case 'bytes.out':
      return outBytes(action)
  }
}

function transactionAmount(action: Action): number | undefined {
  const tx = action.context?.['transaction']
  const fromContext =
    typeof tx === 'object' && tx !== null ? (tx as Record<string, unknown>)['amount'] : undefined
  const value = fromContext ?? (action.tool === 'payments.transfer' ? action.args['amount'] : undefined)
  if (value === undefined || value === null) return undefined
  const n = typeof value === 'string' ? Number(value) : value
  // An amount that is not a finite number cannot be counted: it counts as unbounded (fail closed), so
  // `1e999` or `"lots"` cannot slip a transfer past the budget as zero.
  return typeof n === 'number' && Number.isFinite(n) ? n : Number.POSITIVE_INFINITY
}

function outBytes(action: Action): number {
  const text = (v: unknown) => (typeof v === 'string' ? Buffer.byteLength(v, 'utf8') : 0)
  if (action.tool === 'email.send') return text(action.args['subject']) + text(action.args['body'])
  if (action.tool === 'http.request') {
    const method = typeof action.args['method'] === 'string' ? action.args['method'].toUpperCase() : 'GET'
    return method === 'GET' || method === 'HEAD' ? 0 : text(action.args['body'])
  }
  return 0
}

function rowsAffected(result: unknown): number {
  if (typeof result !== 'object' || result === null) return 0
  const r = result as Record<string, unknown>
  const structured = r['structuredContent']
  const n =
    typeof structured === 'object' && structured !== null
      ? (structured as Record<string, unknown>)['rowsAffected']
      : r['rowsAffected']
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : 0
}
