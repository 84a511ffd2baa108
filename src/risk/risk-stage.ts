import { parseSync } from 'libpg-query'
import type { Action, Decision, Risk } from '../core/action.js'
import type { Stage } from '../core/stage.js'
import { ALLOW, deny, requireControl, type Verdict } from '../core/verdict.js'
import { classifyRisk, type ToolHints } from './classify-risk.js'

/** The seed's required controls per risk level (DESIGN.md's default mapping). */
export const DEFAULT_RISK_CONTROLS: Readonly<Record<Risk, Decision>> = Object.freeze({
  low: 'allow',
  medium: 'confirm',
  high: 'approve',
  critical: 'multi_approve',
})

/**
 * The risk stage: classifies the action, publishes the level for later stages and the audit, and asks
 * for the control the level requires (low → logging only).
 */
export function riskStage(
  controls: Readonly<Record<Risk, Decision>> = DEFAULT_RISK_CONTROLS,
  hintsOf: (tool: string) => ToolHints | undefined = () => undefined,
): Stage {
  return {
    name: 'risk',
    check(action, ctx): Verdict {
      const known = ctx.facts['sql.kind']
      const sqlKind =
        typeof known === 'string' ? known : action.tool === 'db.query' ? sqlKindOf(action) : undefined
      const risk = classifyRisk(action, sqlKind, hintsOf(action.tool))
      ctx.risk = risk
      const control = controls[risk]
      if (control === 'allow') return ALLOW
      const code = `RISK_${risk.toUpperCase()}`
      if (control === 'deny') return deny(code, `${risk}-risk actions are refused by configuration`)
      return requireControl(control, code, `${risk}-risk action: ${control} required`)
    },
  }
}

function sqlKindOf(action: Action): string | undefined {
  const sql = action.args['sql']
  if (typeof sql !== 'string') return undefined
  try {
    const stmt = parseSync(sql).stmts?.[0]?.stmt as Record<string, unknown> | undefined
    const node = stmt === undefined ? undefined : Object.keys(stmt)[0]
    if (node === undefined) return undefined
    const top = STATEMENT_KINDS[node] ?? node
    // A SELECT can carry a write in a CTE (`WITH d AS (DELETE ...) SELECT ...`): rate the worst one inside.
    if (top !== 'SELECT') return top
    const text = JSON.stringify(stmt)
    for (const [nested, kind] of NESTED_WRITES) if (text.includes(`"${nested}"`)) return kind
    return top
  } catch {
    return undefined
  }
}

const STATEMENT_KINDS: Readonly<Record<string, string>> = {
  SelectStmt: 'SELECT',
  InsertStmt: 'INSERT',
  UpdateStmt: 'UPDATE',
  DeleteStmt: 'DELETE',
  MergeStmt: 'MERGE',
  TruncateStmt: 'TRUNCATE',
}

const NESTED_WRITES: ReadonlyArray<readonly [string, string]> = [
  ['DeleteStmt', 'DELETE'],
  ['UpdateStmt', 'UPDATE'],
  ['MergeStmt', 'MERGE'],
  ['InsertStmt', 'INSERT'],
]
