import { scanSync } from 'libpg-query'
import { parseSql, unwrap } from '../../policy/database/sql-parser.js'
import { type BeforeImageQuery, quoteIdent } from './sql-database.js'

interface Token {
  readonly start: number
  readonly end: number
  readonly text: string
  readonly keywordKind: number
}

/**
 * For a top-level UPDATE or DELETE, the SELECT of the rows it will change: the same WITH prefix, target,
 * FROM/USING list and WHERE clause, cut from the checked statement at its top-level keywords (the
 * PostgreSQL scanner tells keywords from identifiers and strings). Undefined for any other statement.
 * Run first in the same transaction, it yields the before-images that rollback writes back.
 *
 * @example beforeImageQuery('UPDATE orders SET total = 0 WHERE id = $1')
 * // { table: '"orders"', name: 'orders', select: 'SELECT "orders".* FROM orders WHERE id = $1' }
 */
export function beforeImageQuery(sql: string): BeforeImageQuery | undefined {
  const parsed = parseSql(sql)
  if (!parsed.ok || parsed.statements.length !== 1) return undefined
  const top = unwrap(parsed.statements[0]?.stmt)
  if (top === undefined || (top.tag !== 'UpdateStmt' && top.tag !== 'DeleteStmt')) return undefined
  const relation = top.body.relation as {
    relname?: string
    schemaname?: string
    alias?: { aliasname?: string }
  }
  if (typeof relation?.relname !== 'string') return undefined
  const bytes = Buffer.from(sql, 'utf8')
  const text = (from: number, to: number) => bytes.subarray(from, to).toString('utf8').trim()
  const tokens = topLevel(scanSync(sql).tokens as Token[])
  const isUpdate = top.tag === 'UpdateStmt'
  const verb = tokens.findIndex((t) => t.text.toUpperCase() === (isUpdate ? 'UPDATE' : 'DELETE'))
  if (verb < 0) return undefined
  const after = (word: string) => tokens.findIndex((t, i) => i > verb && t.text.toUpperCase() === word)
  const end = sql.trimEnd().endsWith(';') ? Buffer.byteLength(sql.trimEnd()) - 1 : bytes.length
  const at = (i: number) => (i < 0 ? end : (tokens[i] as Token).start)
  const first = (...found: number[]) => Math.min(...found.filter((i) => i >= 0).map(at), end)
  const where = after('WHERE')
  const returning = after('RETURNING')
  // `WHERE a IS DISTINCT FROM b` has a top-level FROM too: the FROM/USING list comes before WHERE.
  const found = after(isUpdate ? 'FROM' : 'USING')
  const listWord = where >= 0 && found > where ? -1 : found
  const targetStart = (tokens[isUpdate ? verb : verb + 1] as Token).end
  const targetEnd = isUpdate ? at(after('SET')) : first(listWord, where, returning)
  const target = text(targetStart, targetEnd)
  const list = listWord < 0 ? '' : text((tokens[listWord] as Token).end, first(where, returning))
  const condition = where < 0 ? '' : text((tokens[where] as Token).end, first(returning))
  const prefix = text(0, (tokens[verb] as Token).start)
  const qualifier = relation.alias?.aliasname ?? relation.relname
  const parts = [relation.schemaname, relation.relname].filter((p): p is string => p !== undefined)
  const select = [
    prefix,
    `SELECT ${quoteIdent(qualifier)}.* FROM ${target}`,
    list === '' ? '' : `, ${list}`,
    condition === '' ? '' : `WHERE ${condition}`,
  ]
    .filter((part) => part !== '')
    .join(' ')
    .replace(' , ', ', ')
  return { table: parts.map(quoteIdent).join('.'), name: parts.join('.'), select }
}

// Tokens outside every parenthesis: the clause keywords of the statement itself.
function topLevel(tokens: readonly Token[]): Token[] {
  const kept: Token[] = []
  let depth = 0
  for (const token of tokens) {
    if (token.text === '(') depth++
    else if (token.text === ')') depth--
    else if (depth === 0 && token.keywordKind !== 0) kept.push(token)
  }
  return kept
}
