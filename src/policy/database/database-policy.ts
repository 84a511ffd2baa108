import { ConfigPathError } from '../../config/load.js'
import type { ConfigPath } from '../../config/locate.js'
import type { DatabasePermissions } from '../../config/schema.js'
import { type BoundaryResult, PERMITTED, refused } from '../boundary.js'
import { truncateRows } from './row-limit.js'
import { isGrantableFunction } from './safe-functions.js'
import { collectFacts } from './sql-facts.js'
import { invalidOperation, utilityName, WRITE_OPERATIONS } from './sql-operations.js'
import type { RawStatement, SqlNode } from './sql-parser.js'
import { ruleOnFacts, type SqlGrant } from './sql-rules.js'
import { rewriteStatement } from './statement-rewrite.js'
import { readStatement } from './statement-use.js'
import { invalidTableName, tableKey } from './table-names.js'

export { loadSqlParser } from './sql-parser.js'

/** Longer SQL is refused before parsing (SQL_TOO_LARGE): an agent's query is not a 100 kB document. */
export const MAX_SQL_LENGTH = 100_000

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

const FUNCTION_NAME = /^[a-z_][a-z0-9_$]*(\.[a-z_][a-z0-9_$]*)?$/

/** A compiled `database` grant: canonical table keys (`public.products`), upper-case operations. */
export interface DatabasePolicy extends SqlGrant {
  readonly rowLimit: number | undefined
}

/**
 * Validates a `database` grant once, at load. Throws ConfigPathError on an operation that is unknown or
 * never grantable, a table name that is not lower-case `table` / `schema.table` or names a catalog, and a
 * function that is not a plain name or is never grantable.
 *
 * @example
 * compileDatabasePolicy({ tables: ['products', 'orders'], operations: ['SELECT'], rowLimit: 1000 }, ['agents', 'a', 'permissions', 'database'])
 */
export function compileDatabasePolicy(perms: DatabasePermissions, at: ConfigPath): DatabasePolicy {
  const operations = new Set<string>()
  perms.operations.forEach((entry, i) => {
    const why = invalidOperation(entry)
    if (why !== undefined) throw new ConfigPathError([...at, 'operations', i], why)
    operations.add(entry.toUpperCase())
  })
  const tables = new Set<string>()
  perms.tables.forEach((entry, i) => {
    const why = invalidTableName(entry)
    if (why !== undefined) throw new ConfigPathError([...at, 'tables', i], why)
    tables.add(tableKey(entry))
  })
  const functions = new Set<string>()
  for (const [i, entry] of (perms.functions ?? []).entries()) {
    if (!FUNCTION_NAME.test(entry)) {
      throw new ConfigPathError(
        [...at, 'functions', i],
        `"${entry}" is not a lower-case function or schema.function name`,
      )
    }
    if (!isGrantableFunction(entry)) {
      throw new ConfigPathError(
        [...at, 'functions', i],
        `${entry} reads files, reaches the network, changes settings or describes the server: never grantable`,
      )
    }
    const [schema, name] = entry.split('.')
    functions.add(entry)
    if (name === undefined) functions.add(`public.${entry}`)
    else if (schema === 'public' || schema === 'pg_catalog') functions.add(name)
  }
  const readOnly = ![...operations].some((op) => WRITE_OPERATIONS.has(op))
  return Object.freeze({ tables, operations, functions, readOnly, rowLimit: perms.rowLimit })
}

/**
 * Rules on one `db.query` statement with the PostgreSQL parser: exactly one statement, of a granted kind,
 * touching only granted tables and calling only allowed functions. A SELECT under a `rowLimit` comes back
 * allowed with `args.sql` rewritten to carry the limit (code SQL_ROW_LIMIT_APPLIED). Synchronous; throws
 * WardenError('SQL_PARSER_NOT_LOADED') if loadSqlParser() was not awaited.
 *
 * @example
 * checkSql(policy, 'SELECT * FROM orders') // { allowed: true, args: { sql: 'SELECT * FROM orders LIMIT 1000' }, ... }
 */
export function checkSql(policy: DatabasePolicy, sql: unknown): BoundaryResult {
  if (typeof sql !== 'string') return refused('SQL_PARSE_ERROR', 'db.query needs `sql` as a string')
  if (sql.length > MAX_SQL_LENGTH) {
    return refused(
      'SQL_TOO_LARGE',
      `the statement is ${sql.length} characters; the limit is ${MAX_SQL_LENGTH}`,
    )
  }
  // The parser reads a C string and stops at NUL; a database driver may not: refuse rather than guess.
  if (sql.includes('\0')) return refused('SQL_PARSE_ERROR', 'the SQL contains a NUL character')
  // A lone surrogate has no UTF-8 form: encoders replace or mangle it, each in its own way, and the
  // parser and the driver must see the same bytes.
  if (LONE_SURROGATE.test(sql))
    return refused('SQL_PARSE_ERROR', 'the SQL is not well-formed Unicode (lone surrogate)')
  const read = readStatement(sql)
  if (!read.ok) return refused(read.code, read.reason)
  const { statement, explained, tag, body, kind } = read
  const shown = `${explained ? 'EXPLAIN ' : ''}${kind ?? utilityName(tag)}`
  if (kind === undefined)
    return refused('SQL_UTILITY_NOT_ALLOWED', `${shown} is a utility statement; db.query never runs those`)
  if (!policy.operations.has(kind)) {
    const readOnlyWrite = explained && policy.readOnly && WRITE_OPERATIONS.has(kind)
    return readOnlyWrite
      ? refused(
          'SQL_READ_ONLY_VIOLATION',
          `${shown}: EXPLAIN ANALYZE runs the ${kind}, and the grant is read-only`,
        )
      : refused(
          'SQL_OPERATION_NOT_ALLOWED',
          `${kind} is not among the granted operations (${[...policy.operations].join(', ') || 'none'})`,
        )
  }
  if (kind === 'TRUNCATE' && body.behavior === 'DROP_CASCADE') {
    return refused('SQL_OPERATION_NOT_ALLOWED', 'TRUNCATE ... CASCADE empties tables the grant does not name')
  }
  const facts = collectFacts(body)
  const violation = ruleOnFacts(policy, facts)
  if (violation !== undefined) return refused(violation.code, violation.reason)
  const select = kind === 'SELECT' && !explained ? body : undefined
  const result = restated(sql, statement, facts.strings, select, policy.rowLimit)
  // The risk stage rates the statement by what it does (the worst nested write wins), without parsing again.
  const worst = explained ? 'SELECT' : (WORST_FIRST.find((w) => w === kind || facts.writes.has(w)) ?? kind)
  return result.allowed ? { ...result, facts: { 'sql.kind': worst } } : result
}

const WORST_FIRST = ['TRUNCATE', 'DELETE', 'MERGE', 'UPDATE', 'INSERT'] as const

/** Result-time enforcement of `rowLimit` when the query ran: the first rows, and whether any were cut. */
export function limitRows<T>(
  rows: readonly T[],
  policy: DatabasePolicy,
): { rows: readonly T[]; truncated: boolean } {
  return truncateRows(rows, policy.rowLimit)
}

// The allowed statement as it must run: the LIMIT applied, comments and non-standard strings restated.
function restated(
  sql: string,
  statement: RawStatement,
  strings: ReadonlyMap<number, string>,
  select: SqlNode | undefined,
  rowLimit: number | undefined,
): BoundaryResult {
  let rewrite: ReturnType<typeof rewriteStatement>
  try {
    rewrite = rewriteStatement(sql, statement, strings, select, rowLimit)
  } catch (error) {
    return refused(
      'SQL_PARSE_ERROR',
      `cannot restate the statement: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
  if (!rewrite.ok) return refused('SQL_PARSE_ERROR', rewrite.reason)
  if (rewrite.sql === undefined) return PERMITTED
  return rewrite.limited
    ? {
        allowed: true,
        args: { sql: rewrite.sql },
        code: 'SQL_ROW_LIMIT_APPLIED',
        reason: `LIMIT ${rowLimit} applied (the grant's rowLimit)`,
      }
    : {
        allowed: true,
        args: { sql: rewrite.sql },
        code: 'SQL_NORMALIZED',
        reason:
          "comments removed and E'' / dollar-quoted strings restated, so every engine reads what was checked",
      }
}
