import type { Action } from '../core/action.js'
import type { StageContext } from '../core/stage.js'
import { ALLOW, requireControl, type Verdict } from '../core/verdict.js'
import type { CounterStore } from './counter-store.js'
import { type Budget, budgetKey, countsToward, impactOf } from './impact.js'

/**
 * The seed's cumulative-impact check: for every budget the action counts toward, what the window already
 * holds plus what this action adds (when known before it runs) must stay within the limit; past it, the
 * agent is paused (IMPACT_BUDGET_EXCEEDED). Many small transfers add up to one large one.
 */
export async function checkBudgets(
  store: CounterStore,
  budgets: readonly Budget[],
  action: Action,
  ctx: StageContext,
): Promise<Verdict> {
  const sqlKind = typeof ctx.facts['sql.kind'] === 'string' ? ctx.facts['sql.kind'] : undefined
  for (let i = 0; i < budgets.length; i++) {
    const b = budgets[i] as Budget
    if (!countsToward(action, b.sum, sqlKind)) continue
    const spent = await store.sum(budgetKey(b, i, action), b.windowMs, ctx.now)
    const adds = impactOf(action, b.sum)
    // Rows written are known only after the query: a budget already at its limit stops the next write.
    const over = adds > 0 ? spent + adds > b.limit : spent >= b.limit
    if (over) {
      return requireControl(
        'pause',
        'IMPACT_BUDGET_EXCEEDED',
        `budget ${b.name}: ${b.sum} ${fmt(spent)} in the last ${b.windowMs / 60_000} min + ${fmt(adds)} exceeds ${fmt(b.limit)}; agent paused`,
        { budget: b.name, sum: b.sum, spent, adds, limit: b.limit, windowMs: b.windowMs },
      )
    }
  }
  return ALLOW
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2)
}
