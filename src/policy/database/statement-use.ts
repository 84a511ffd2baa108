import { collectFacts, type RelationRef } from './sql-facts.js'
import { statementKind } from './sql-operations.js'
import { parseSql, type RawStatement, type SqlNode, unwrap } from './sql-parser.js'

/** The one statement of a `db.query`, with EXPLAIN looked through, or why there is not exactly one. */
export type ReadStatement =
  | {
      readonly ok: true
      readonly statement: RawStatement
      /** The statement was `EXPLAIN <query>`; tag, body and kind are the query's. */
      readonly explained: boolean
      readonly tag: string
      readonly body: SqlNode
      /** SELECT, INSERT, ...; undefined for a utility statement (SET, COPY, DDL...). */
      readonly kind: string | undefined
    }
  | {
      readonly ok: false
      readonly code: 'SQL_PARSE_ERROR' | 'SQL_EMPTY' | 'SQL_MULTIPLE_STATEMENTS'
      readonly reason: string
    }

/**
 * Parses SQL that must hold exactly one statement and names what it is: the start of checkSql, shared
 * with the permission report so that both read a statement the same way. Throws
 * WardenError('SQL_PARSER_NOT_LOADED') if loadSqlParser() was not awaited.
 *
 * @example
 * readStatement('EXPLAIN SELECT 1') // { ok: true, explained: true, tag: 'SelectStmt', kind: 'SELECT', ... }
 */
export function readStatement(sql: string): ReadStatement {
  const parsed = parseSql(sql)
  if (!parsed.ok) return failed('SQL_PARSE_ERROR', `not valid PostgreSQL: ${parsed.message}`)
  const [statement, ...more] = parsed.statements
  if (statement === undefined)
    return failed('SQL_EMPTY', 'the SQL holds no statement (only whitespace, comments or ;)')
  if (more.length > 0) {
    return failed(
      'SQL_MULTIPLE_STATEMENTS',
      `db.query runs exactly one statement; this SQL holds ${more.length + 1}`,
    )
  }
  const top = unwrap(statement.stmt)
  if (top === undefined) return failed('SQL_PARSE_ERROR', 'the parser returned no statement')
  const explained = top.tag === 'ExplainStmt' ? unwrap(top.body.query) : undefined
  const { tag, body } = explained ?? top
  return { ok: true, statement, explained: explained !== undefined, tag, body, kind: statementKind(tag) }
}

/** The operations a statement performs (its kind and any nested writes) and the relations it names. */
export interface StatementUse {
  readonly operations: ReadonlySet<string>
  readonly relations: readonly RelationRef[]
}

/**
 * What one statement uses, in the terms of a `database` grant; undefined for anything checkSql would
 * refuse before looking at tables (not one statement, a utility statement). Parses like readStatement.
 *
 * @example
 * statementUse('WITH d AS (DELETE FROM a RETURNING *) SELECT * FROM d')
 * // { operations: Set { 'SELECT', 'DELETE' }, relations: [{ name: 'a', ... }] }
 */
export function statementUse(sql: string): StatementUse | undefined {
  const read = readStatement(sql)
  if (!read.ok || read.kind === undefined) return undefined
  const facts = collectFacts(read.body)
  return { operations: new Set([read.kind, ...facts.writes]), relations: facts.relations }
}

function failed(code: Extract<ReadStatement, { ok: false }>['code'], reason: string): ReadStatement {
  return { ok: false, code, reason }
}
