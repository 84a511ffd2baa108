import fc from 'fast-check'
import { parseSync } from 'libpg-query'
import { beforeAll, describe, expect, it } from 'vitest'
import { checkSql, compileDatabasePolicy, loadSqlParser } from './database-policy.js'

beforeAll(async () => {
  await loadSqlParser()
})

const ROW_LIMIT = 100
const policy = compileDatabasePolicy(
  { tables: ['orders', 'products'], operations: ['SELECT'], rowLimit: ROW_LIMIT },
  [],
)

const BASES = [
  'SELECT * FROM orders',
  'SELECT id FROM orders UNION SELECT id FROM products',
  'WITH c AS (SELECT id FROM orders) SELECT * FROM c',
  "SELECT note FROM orders WHERE note = 'a -- b /* c'",
  'SELECT $$ x $$ AS s, id FROM orders',
  "SELECT E'it\\'s' AS s FROM orders ORDER BY 1",
  '(SELECT id FROM orders)',
  'VALUES (1), (2)',
]
const LIMITS = [
  '',
  ' LIMIT 5',
  ' LIMIT 100',
  ' LIMIT 101',
  ' LIMIT 99999999999999',
  ' LIMIT ALL',
  ' LIMIT NULL',
  ' LIMIT $1',
  ' LIMIT 10 * 100',
  ' LIMIT -1',
  ' LIMIT 0x1000',
  ' OFFSET 3',
  ' LIMIT 500 OFFSET 3',
  ' OFFSET 3 LIMIT 500',
  ' FETCH FIRST 500 ROWS ONLY',
  ' FETCH FIRST ROWS ONLY',
]
const TAILS = ['', ';', ' ; ', ' -- tail', ' /* c /* nested */ */', ';\n-- after\n', '\t\n']

/** The row count a rewritten SELECT can return at most, read from its parse tree (Infinity if unbounded). */
function boundOf(sql: string): number {
  const stmts = parseSync(sql).stmts ?? []
  expect(stmts).toHaveLength(1)
  const select = (stmts[0]?.stmt as { SelectStmt?: Record<string, unknown> } | undefined)?.SelectStmt
  expect(select).toBeDefined()
  const values = select?.valuesLists
  if (Array.isArray(values) && select?.limitCount === undefined) return values.length
  const count = select?.limitCount as
    | { A_Const?: { ival?: { ival?: number }; location?: number } }
    | undefined
  if (count?.A_Const?.ival === undefined) return Number.POSITIVE_INFINITY
  return count.A_Const.ival.ival ?? 0
}

describe('row limit property', () => {
  it('makes every accepted SELECT return at most rowLimit rows, as one statement a second check leaves alone', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...BASES),
        fc.constantFrom(...LIMITS),
        fc.constantFrom(...TAILS),
        (base, limit, tail) => {
          const sql = `${base}${limit}${tail}`
          try {
            parseSync(sql)
          } catch {
            return // not valid PostgreSQL to begin with (e.g. LIMIT after a bare parenthesised VALUES)
          }
          const result = checkSql(policy, sql)
          expect(result.allowed, `${sql}: ${JSON.stringify(result)}`).toBe(true)
          const ran = result.allowed && typeof result.args?.sql === 'string' ? result.args.sql : sql
          expect(boundOf(ran), `${sql} ran as ${ran}`).toBeLessThanOrEqual(ROW_LIMIT)
          expect(checkSql(policy, ran), ran).toEqual({
            allowed: true,
            facts: { 'sql.kind': expect.any(String) },
          })
        },
      ),
      { numRuns: 600 },
    )
  })
})
