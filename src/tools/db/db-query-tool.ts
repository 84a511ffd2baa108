import type { ToolResult } from '../../gateway/tool-source.js'
import type { AgentPolicy } from '../../policy/agent-policy.js'
import { checkSql, limitRows } from '../../policy/database/database-policy.js'
import { parseSql, unwrap } from '../../policy/database/sql-parser.js'
import type { SnapshotStore } from '../snapshots/snapshot-store.js'
import { TOOL_LIMITS } from '../tool-limits.js'
import { failure, success } from '../tool-result.js'
import { beforeImageQuery } from './before-image-query.js'
import { type ExecuteResult, type SqlDatabase, SqlFailure } from './sql-database.js'

/** What one db.query call knows besides its arguments. */
export interface DbCall {
  readonly policy: AgentPolicy | undefined
  readonly dryRun: boolean
  readonly actionId: string
  readonly agentId: string
  readonly signal: AbortSignal
}

const MAX_PARAMS = 100

/**
 * Runs db.query: the statement is checked again with the agent's database grant (and runs as the policy
 * restated it, LIMIT included), in a read-only transaction when the grant is read-only or the statement
 * is a SELECT, under the statement timeout, with rows cut at the row limit. A write keeps before-images of
 * the rows an UPDATE or DELETE changes (tables with a primary key) for rollback; a dry-run executes the
 * write and rolls it back, reporting the rows it would change.
 */
export async function runDbQuery(
  args: Readonly<Record<string, unknown>>,
  call: DbCall,
  db: SqlDatabase,
  snapshots: SnapshotStore,
): Promise<ToolResult> {
  const policy = call.policy?.database
  if (policy === undefined)
    return failure('TOOL_NOT_GRANTED', `agent ${call.agentId} has no database permissions`)
  const params = args.params ?? []
  if (!Array.isArray(params) || params.length > MAX_PARAMS || !params.every(isScalar)) {
    return failure(
      'TOOL_BAD_ARGUMENTS',
      `params must be a list of at most ${MAX_PARAMS} strings, numbers, booleans or nulls`,
    )
  }
  // A grant without rowLimit still gets defaultRowLimit as a LIMIT, so no engine materialises a huge result.
  const rowLimit = policy.rowLimit ?? TOOL_LIMITS.defaultRowLimit
  const limited = policy.rowLimit === undefined ? { ...policy, rowLimit } : policy
  const decision = checkSql(limited, args.sql)
  if (!decision.allowed) return failure(decision.code, decision.reason)
  const sql = typeof decision.args?.sql === 'string' ? decision.args.sql : (args.sql as string)
  const parsed = parseSql(sql)
  const top = parsed.ok ? unwrap(parsed.statements[0]?.stmt) : undefined
  const readOnly = policy.readOnly || top?.tag === 'SelectStmt' || top?.tag === 'ExplainStmt'
  const beforeImage = readOnly || call.dryRun ? undefined : beforeImageQuery(sql)
  let result: ExecuteResult
  try {
    result = await db.execute({
      sql,
      params,
      readOnly,
      dryRun: call.dryRun,
      timeoutMs: TOOL_LIMITS.statementTimeoutMs,
      maxRows: rowLimit + 1,
      maxImageRows: TOOL_LIMITS.maxBeforeImageRows,
      signal: call.signal,
      ...(beforeImage === undefined ? {} : { beforeImage }),
    })
  } catch (error) {
    if (error instanceof SqlFailure) return failure(error.code, error.message)
    throw error
  }
  const { rows, truncated } = limitRows(result.rows, limited)
  const rollback = await keepImages(result, call, snapshots)
  const shown = rows.map((row) => row.map(jsonValue))
  const facts = {
    engine: db.engine,
    columns: result.columns,
    rows: shown,
    rowCount: truncated ? rows.length : result.rowCount,
    truncated,
    ...(readOnly ? {} : { rowsAffected: result.rowCount }),
    ...(call.dryRun ? { dryRun: true } : {}),
    ...(rollback === undefined ? {} : { rollback }),
  }
  return success(summary(facts, readOnly, call.dryRun, rowLimit, result.columns, shown), facts)
}

async function keepImages(
  result: ExecuteResult,
  call: DbCall,
  snapshots: SnapshotStore,
): Promise<boolean | string | undefined> {
  const images = result.images
  if (images === undefined || call.dryRun) return undefined
  if ('unavailable' in images) return `not available: ${images.unavailable}`
  if (images.rows.length === 0) return true
  await snapshots.record(call.actionId, call.agentId, { kind: 'rows', ...images })
  return true
}

function summary(
  facts: { rowCount: number; truncated: boolean },
  readOnly: boolean,
  dryRun: boolean,
  rowLimit: number,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
): string {
  const objects = rows.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i]])))
  const head = readOnly
    ? `${facts.rowCount} row(s)${facts.truncated ? ` (cut at the row limit of ${rowLimit})` : ''}`
    : `${dryRun ? 'dry-run (rolled back): would change' : 'changed'} ${facts.rowCount} row(s)`
  return rows.length === 0 ? head : `${head}\n${JSON.stringify(objects)}`
}

function isScalar(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value)
}

function jsonValue(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString()
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64')
  if (value instanceof Date) return value.toISOString()
  return value
}
