import { readFileSync } from 'node:fs'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databasePermissionsSchema } from '../../config/schema.js'
import { checkSql, compileDatabasePolicy, limitRows, loadSqlParser } from './database-policy.js'

// Proves on a real PostgreSQL that what checkSql allows runs as written (or as rewritten) and that the
// rewritten LIMIT holds. Everything happens inside one transaction that is rolled back: nothing persists.
const url = process.env.WARDEN_TEST_PG
if (!url) console.warn('skipping database boundary tests on PostgreSQL: WARDEN_TEST_PG is not set')

interface Case {
  readonly name: string
  readonly permissions: { readonly database: { readonly tables: string[]; readonly functions?: string[] } }
  readonly args: { readonly sql: string }
  readonly expect: 'allow' | 'deny'
}

const corpus = readFileSync(new URL('../../../test/corpus/database/cases.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as Case)
// Allowed cases over the two scratch tables (custom functions and other schemas do not exist here).
const runnable = corpus.filter(
  (c) =>
    c.expect === 'allow' &&
    c.permissions.database.functions === undefined &&
    c.permissions.database.tables.every((t) => t === 'orders' || t === 'products'),
)
const PARAMS: Readonly<Record<string, string[]>> = { parameters: ['1', '2020-01-01'] }

describe.skipIf(!url)('database boundary on PostgreSQL', () => {
  const client = new pg.Client({ connectionString: url })

  beforeAll(async () => {
    await loadSqlParser()
    await client.connect()
    await client.query('BEGIN')
    await client.query(`CREATE TABLE public.products (id serial PRIMARY KEY, name text, price numeric)`)
    await client.query(`CREATE TABLE public.orders (id serial PRIMARY KEY, product_id int, customer_id int, qty int,
      note text, name text, password text, created_at timestamptz DEFAULT now())`)
    await client.query(`INSERT INTO products (name, price) SELECT 'p' || g, g FROM generate_series(1, 20) g`)
    await client.query(
      `INSERT INTO orders (product_id, customer_id, qty) SELECT g % 20 + 1, g, g FROM generate_series(1, 1500) g`,
    )
  })

  afterAll(async () => {
    await client.query('ROLLBACK').catch(() => undefined)
    await client.end()
  })

  it('runs every allowed corpus statement, as rewritten, without error', async () => {
    expect(runnable.length).toBeGreaterThan(40)
    const failures: string[] = []
    for (const c of runnable) {
      const policy = compileDatabasePolicy(databasePermissionsSchema.parse(c.permissions.database), [])
      const result = checkSql(policy, c.args.sql)
      expect(result.allowed, c.name).toBe(true)
      const sql = result.allowed && typeof result.args?.sql === 'string' ? result.args.sql : c.args.sql
      const count = Math.max(0, ...[...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])))
      const params = PARAMS[c.name] ?? Array.from({ length: count }, () => '1')
      await client.query('SAVEPOINT one_case')
      try {
        await client.query(sql, sql.includes('$tag$') || sql.includes('$$') ? [] : params)
      } catch (error) {
        failures.push(`${c.name}: ${sql}: ${(error as Error).message}`)
      }
      await client.query('ROLLBACK TO SAVEPOINT one_case')
    }
    expect(failures).toEqual([])
  })

  it('holds the rewritten LIMIT on a table larger than rowLimit', async () => {
    const policy = compileDatabasePolicy({ tables: ['orders'], operations: ['SELECT'], rowLimit: 1000 }, [])
    expect((await client.query('SELECT * FROM orders')).rowCount).toBe(1500)
    for (const sql of [
      'SELECT * FROM orders',
      'SELECT * FROM orders LIMIT ALL',
      'SELECT * FROM orders LIMIT 5000 -- more',
      'SELECT * FROM orders ORDER BY id FETCH FIRST 1400 ROWS ONLY',
      'SELECT * FROM orders OFFSET 1',
    ]) {
      const result = checkSql(policy, sql)
      if (!result.allowed || typeof result.args?.sql !== 'string')
        throw new Error(`expected a rewrite of ${sql}`)
      expect((await client.query(result.args.sql)).rowCount, sql).toBe(1000)
    }
    const wrapped = checkSql(policy, 'SELECT * FROM orders LIMIT $1')
    if (!wrapped.allowed || typeof wrapped.args?.sql !== 'string') throw new Error('expected a rewrite')
    expect((await client.query(wrapped.args.sql, [5000])).rowCount).toBe(1000)
    const rows = (await client.query('SELECT * FROM orders')).rows
    expect(limitRows(rows, policy).rows).toHaveLength(1000)
  })
})
