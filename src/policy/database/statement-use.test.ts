import { beforeAll, describe, expect, it } from 'vitest'
import { loadSqlParser } from './sql-parser.js'
import { readStatement, statementUse } from './statement-use.js'

beforeAll(() => loadSqlParser())

describe('readStatement', () => {
  it('names the kind of the one statement, looking through EXPLAIN', () => {
    const plain = readStatement('SELECT * FROM orders')
    expect(plain).toMatchObject({ ok: true, explained: false, tag: 'SelectStmt', kind: 'SELECT' })
    const explained = readStatement('EXPLAIN ANALYZE DELETE FROM orders')
    expect(explained).toMatchObject({ ok: true, explained: true, tag: 'DeleteStmt', kind: 'DELETE' })
  })

  it('leaves the kind undefined for a utility statement, with its tag to name it', () => {
    expect(readStatement('SET search_path = evil')).toMatchObject({
      ok: true,
      tag: 'VariableSetStmt',
      kind: undefined,
    })
  })

  it.each([
    ['SELEC 1', 'SQL_PARSE_ERROR'],
    [' -- nothing\n;', 'SQL_EMPTY'],
    ['', 'SQL_EMPTY'],
    ['COMMIT; DROP SCHEMA public CASCADE', 'SQL_MULTIPLE_STATEMENTS'],
  ])('refuses %j with %s', (sql, code) => {
    expect(readStatement(sql)).toMatchObject({ ok: false, code })
  })
})

describe('statementUse', () => {
  it('lists the kind and every nested write, and the relations named, CTE names excluded', () => {
    const use = statementUse(
      'WITH d AS (DELETE FROM sales.orders RETURNING *) SELECT * FROM d JOIN users u ON true',
    )
    expect(use?.operations).toEqual(new Set(['SELECT', 'DELETE']))
    expect(use?.relations.map((r) => [r.schema, r.name])).toEqual([
      ['sales', 'orders'],
      [undefined, 'users'],
    ])
  })

  it('reads an EXPLAIN as the statement it explains', () => {
    expect(statementUse('EXPLAIN SELECT 1 FROM products')?.operations).toEqual(new Set(['SELECT']))
  })

  it('is undefined for what a database grant can never cover: no single statement, or a utility one', () => {
    expect(statementUse('SELECT 1; SELECT 2')).toBeUndefined()
    expect(statementUse('not sql')).toBeUndefined()
    expect(statementUse('VACUUM orders')).toBeUndefined()
  })
})
