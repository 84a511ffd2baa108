import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databasePermissionsSchema } from '../../config/schema.js'
import { checkSql, compileDatabasePolicy, limitRows, loadSqlParser } from './database-policy.js'
import { generatedRead, sqlSoup } from './sql-generators.case.js'
import { naiveReading } from './sql-oracle.case.js'

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

  it("never lets an allowed read reach a table PostgreSQL's own privileges deny", async () => {
    // The oracle is PostgreSQL itself: a role that may read only orders and products runs what checkSql
    // allows, and a permission error would mean the check let a read through to another table.
    const role = `warden_probe_${process.pid}`
    await client.query(
      `CREATE TABLE public.customers (id int); CREATE TABLE public.secrets (id int, secret text)`,
    )
    await client.query(`CREATE SCHEMA hr; CREATE TABLE hr.orders (id int)`)
    await client.query(`CREATE ROLE ${role}; GRANT SELECT ON public.orders, public.products TO ${role}`)
    const policy = compileDatabasePolicy(
      { tables: ['orders', 'products'], operations: ['SELECT'], rowLimit: 20 },
      [],
    )
    // Allowed statements (reads, by the grant) and refused generated reads run; refused soup never runs,
    // since it may hold COMMIT or a write. Each statement is re-checked to be one read before it runs.
    const generated = fc.sample(generatedRead, { numRuns: 400, seed: 7 }).map((r) => r.sql)
    const soup = fc.sample(sqlSoup, { numRuns: 3000, seed: 7 })
    const leaks: string[] = []
    let allowed = 0
    let deniedByBoth = 0
    for (const [sql, generatedOne] of [
      ...generated.map((q) => [q, true] as const),
      ...soup.map((q) => [q, false] as const),
    ]) {
      const result = checkSql(policy, sql)
      if (!result.allowed && !generatedOne) continue
      const ran = result.allowed && typeof result.args?.sql === 'string' ? result.args.sql : sql
      if (!isOneRead(ran)) continue
      await client.query('SAVEPOINT probe')
      await client.query(`SET LOCAL ROLE ${role}`)
      try {
        await client.query(ran, ran.includes('$1') ? [1] : [])
        if (result.allowed) allowed++
      } catch (error) {
        const code = (error as { code?: string }).code
        if (result.allowed && code === '42501') leaks.push(`${sql}: ${(error as Error).message}`)
        if (!result.allowed && code === '42501') deniedByBoth++
      }
      await client.query('ROLLBACK TO SAVEPOINT probe')
    }
    expect(leaks).toEqual([])
    expect(allowed).toBeGreaterThan(20)
    expect(
      deniedByBoth,
      'the oracle has teeth: some refused reads are refused by PostgreSQL too',
    ).toBeGreaterThan(20)
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

/** Whether a statement is, by an independent reading, exactly one SELECT (or EXPLAIN of one), safe to run. */
function isOneRead(sql: string): boolean {
  try {
    const reading = naiveReading(sql)
    return reading.statements === 1 && ['SelectStmt', 'ExplainStmt'].includes(reading.kinds[0] ?? '')
  } catch {
    return false
  }
}
