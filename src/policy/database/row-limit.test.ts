import Database from 'better-sqlite3'
import { parseSync } from 'libpg-query'
import { beforeAll, describe, expect, it } from 'vitest'
import { checkSql, compileDatabasePolicy, loadSqlParser } from './database-policy.js'

const policy = () =>
  compileDatabasePolicy({ tables: ['products', 'orders'], operations: ['SELECT'], rowLimit: 1000 }, [])

/** The SQL a SELECT runs as under rowLimit 1000 (the original when it already fits). */
function limited(sql: string): string {
  const result = checkSql(policy(), sql)
  if (!result.allowed) throw new Error(`denied ${sql}: ${result.code}`)
  return typeof result.args?.sql === 'string' ? result.args.sql : sql
}

beforeAll(async () => {
  await loadSqlParser()
})

/** Rewrites that must come out exactly so (they are also valid SQLite: see below). */
const EXACT_REWRITES: ReadonlyArray<readonly [string, string]> = [
  ['SELECT * FROM orders', 'SELECT * FROM orders LIMIT 1000'],
  ['SELECT * FROM orders;', 'SELECT * FROM orders LIMIT 1000'],
  ['SELECT * FROM orders ;  \n', 'SELECT * FROM orders LIMIT 1000'],
  ['SELECT * FROM orders -- trailing comment', 'SELECT * FROM orders LIMIT 1000'],
  ['SELECT * FROM orders /* c */ -- d\n', 'SELECT * FROM orders LIMIT 1000'],
  ['SELECT * FROM orders; -- after', 'SELECT * FROM orders LIMIT 1000'],
  ["SELECT * FROM orders WHERE note = '--x'", "SELECT * FROM orders WHERE note = '--x' LIMIT 1000"],
  ["SELECT 'é😀' AS s FROM orders LIMIT 5000", "SELECT 'é😀' AS s FROM orders LIMIT 1000"],
  ['SELECT * FROM orders LIMIT 5000 OFFSET 10', 'SELECT * FROM orders LIMIT 1000 OFFSET 10'],
  ['SELECT * FROM orders LIMIT 99999999999', 'SELECT * FROM orders LIMIT 1000'],
  [
    'SELECT * FROM orders LIMIT $1',
    'SELECT * FROM (SELECT * FROM orders LIMIT $1) AS warden_limited LIMIT 1000',
  ],
  [
    'SELECT * FROM orders LIMIT -1',
    'SELECT * FROM (SELECT * FROM orders LIMIT -1) AS warden_limited LIMIT 1000',
  ],
  [
    'SELECT * FROM orders LIMIT 10 + 5000',
    'SELECT * FROM (SELECT * FROM orders LIMIT 10 + 5000) AS warden_limited LIMIT 1000',
  ],
  [
    'SELECT id FROM orders UNION SELECT id FROM products',
    'SELECT id FROM orders UNION SELECT id FROM products LIMIT 1000',
  ],
  [
    'WITH c AS (SELECT id FROM orders) SELECT * FROM c',
    'WITH c AS (SELECT id FROM orders) SELECT * FROM c LIMIT 1000',
  ],
  ['-- leading\nSELECT 1 FROM orders', 'SELECT 1 FROM orders LIMIT 1000'],
]

/** Rewrites valid in PostgreSQL only (FETCH FIRST, LIMIT ALL, OFFSET before LIMIT). */
const PG_ONLY_REWRITES: ReadonlyArray<readonly [string, string]> = [
  ['SELECT * FROM orders LIMIT ALL', 'SELECT * FROM orders LIMIT 1000'],
  ['SELECT * FROM orders FETCH FIRST 5000 ROWS ONLY', 'SELECT * FROM orders FETCH FIRST 1000 ROWS ONLY'],
  ['SELECT * FROM orders OFFSET 2 LIMIT 5000', 'SELECT * FROM orders OFFSET 2 LIMIT 1000'],
  [
    'SELECT * FROM orders OFFSET 2',
    'SELECT * FROM (SELECT * FROM orders OFFSET 2) AS warden_limited LIMIT 1000',
  ],
  [
    'SELECT * FROM orders LIMIT 0x2000',
    'SELECT * FROM (SELECT * FROM orders LIMIT 0x2000) AS warden_limited LIMIT 1000',
  ],
  [
    'SELECT * FROM orders ORDER BY id FETCH FIRST 5 ROWS WITH TIES',
    'SELECT * FROM (SELECT * FROM orders ORDER BY id FETCH FIRST 5 ROWS WITH TIES) AS warden_limited LIMIT 1000',
  ],
  ['(SELECT * FROM orders)', '(SELECT * FROM orders) LIMIT 1000'],
  ['VALUES (1), (2) LIMIT 5000', 'VALUES (1), (2) LIMIT 1000'],
  ['SELECT $$ -- $$ AS x FROM orders', "SELECT ' -- ' AS x FROM orders LIMIT 1000"],
]

const UNCHANGED = [
  'SELECT * FROM orders LIMIT 10',
  'SELECT * FROM orders LIMIT 1000',
  'SELECT * FROM orders LIMIT 0',
  'SELECT * FROM orders FETCH FIRST ROWS ONLY',
  'SELECT * FROM orders LIMIT 0x10',
  'SELECT count(*) FROM orders LIMIT 1',
  'VALUES (1), (2)',
]

describe('row limits', () => {
  it.each([...EXACT_REWRITES, ...PG_ONLY_REWRITES])('rewrites %j', (sql, expected) => {
    expect(limited(sql)).toBe(expected)
  })

  it.each(UNCHANGED)('keeps %j, which already fits', (sql) => {
    expect(checkSql(policy(), sql)).toEqual({ allowed: true, facts: { 'sql.kind': expect.any(String) } })
  })

  it.each([...EXACT_REWRITES, ...PG_ONLY_REWRITES])(
    're-parses the rewrite of %j as one SELECT that a second check leaves alone',
    (sql) => {
      const out = limited(sql)
      const stmts = parseSync(out).stmts ?? []
      expect(stmts).toHaveLength(1)
      expect(Object.keys(stmts[0]?.stmt ?? {})).toEqual(['SelectStmt'])
      expect(checkSql(policy(), out)).toEqual({ allowed: true, facts: { 'sql.kind': expect.any(String) } })
    },
  )

  it('never lets a trailing comment swallow the added LIMIT', () => {
    for (const tail of ['--', '-- x', '/* x */', '/* x */ --y', '--a\n--b']) {
      const out = limited(`SELECT * FROM orders ${tail}`)
      expect(out).toBe('SELECT * FROM orders LIMIT 1000')
    }
  })
})

describe('row limits on SQLite', () => {
  it('produces SQL that SQLite runs and that returns at most rowLimit rows', () => {
    const db = new Database(':memory:')
    db.exec(
      'CREATE TABLE orders (id INTEGER PRIMARY KEY, note TEXT); CREATE TABLE products (id INTEGER PRIMARY KEY)',
    )
    const insert = db.prepare('INSERT INTO orders (id, note) VALUES (?, ?)')
    for (let i = 1; i <= 1500; i++) insert.run(i, `n${i}`)
    for (const [sql, expected] of EXACT_REWRITES) {
      const statement = db.prepare(expected)
      const rows = sql.includes('$1') ? statement.all({ 1: 5000 }) : statement.all()
      expect(rows.length, expected).toBeLessThanOrEqual(1000)
    }
    expect(db.prepare(limited('SELECT * FROM orders')).all()).toHaveLength(1000)
    db.close()
  })
})
