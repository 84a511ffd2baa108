import { beforeAll, describe, expect, it } from 'vitest'
import { checkSql, loadSqlParser } from './database-policy.js'
import { readOnly, verdict, writer } from './sql-policy.case.js'

beforeAll(async () => {
  await loadSqlParser()
})

describe('checkSql: relations', () => {
  it.each([
    ['SELECT * FROM secrets', 'SQL_TABLE_NOT_ALLOWED'],
    ['SELECT * FROM orders JOIN secrets ON true', 'SQL_TABLE_NOT_ALLOWED'],
    [
      'SELECT * FROM orders, LATERAL (SELECT * FROM secrets WHERE secrets.id = orders.id) s',
      'SQL_TABLE_NOT_ALLOWED',
    ],
    ['SELECT id FROM orders UNION SELECT id FROM secrets', 'SQL_TABLE_NOT_ALLOWED'],
    [
      'SELECT id FROM orders EXCEPT (SELECT id FROM products INTERSECT SELECT id FROM secrets)',
      'SQL_TABLE_NOT_ALLOWED',
    ],
    ['SELECT * FROM orders WHERE id IN (SELECT id FROM secrets)', 'SQL_TABLE_NOT_ALLOWED'],
    ['SELECT (SELECT max(pw) FROM secrets) FROM orders', 'SQL_TABLE_NOT_ALLOWED'],
    [
      'SELECT pid FROM orders GROUP BY pid HAVING count(*) > (SELECT count(*) FROM secrets)',
      'SQL_TABLE_NOT_ALLOWED',
    ],
    ['SELECT * FROM orders ORDER BY (SELECT 1 FROM secrets LIMIT 1)', 'SQL_TABLE_NOT_ALLOWED'],
    [
      'SELECT * FROM orders WHERE EXISTS (SELECT 1 FROM products WHERE EXISTS (SELECT 1 FROM secrets))',
      'SQL_TABLE_NOT_ALLOWED',
    ],
    ['SELECT coalesce((SELECT 1 FROM secrets), 0)', 'SQL_TABLE_NOT_ALLOWED'],
    ['SELECT * FROM generate_series(1, (SELECT count(*) FROM secrets)) g', 'SQL_TABLE_NOT_ALLOWED'],
    ['TABLE secrets', 'SQL_TABLE_NOT_ALLOWED'],
    ['SELECT * FROM ONLY secrets', 'SQL_TABLE_NOT_ALLOWED'],
    ['SELECT * FROM "Products"', 'SQL_TABLE_NOT_ALLOWED'],
    ['SELECT * FROM "orders "', 'SQL_TABLE_NOT_ALLOWED'],
    ['SELECT * FROM hr.salaries', 'SQL_SCHEMA_NOT_ALLOWED'],
    ['SELECT * FROM otherdb.public.orders', 'SQL_SCHEMA_NOT_ALLOWED'],
    ['SELECT * FROM pg_catalog.pg_user', 'SQL_SYSTEM_CATALOG'],
    ['SELECT * FROM pg_shadow', 'SQL_SYSTEM_CATALOG'],
    ['SELECT * FROM information_schema.tables', 'SQL_SYSTEM_CATALOG'],
    ['SELECT * FROM orders WHERE id IN (SELECT oid FROM pg_class)', 'SQL_SYSTEM_CATALOG'],
    ["SELECT 'pg_authid'::regclass", 'SQL_SYSTEM_CATALOG'],
    ["SELECT CAST('pg_read_file' AS regproc)", 'SQL_SYSTEM_CATALOG'],
    ["SELECT * FROM orders WHERE id = 'pg_authid'::pg_catalog.regclass::oid", 'SQL_SYSTEM_CATALOG'],
  ])('refuses %j with %s', (sql, code) => {
    expect(verdict(checkSql(readOnly(), sql))).toBe(code)
  })

  it('does not let a CTE named like an allowed table hide a forbidden read', () => {
    expect(verdict(checkSql(readOnly(), 'WITH orders AS (SELECT * FROM secrets) SELECT * FROM orders'))).toBe(
      'SQL_TABLE_NOT_ALLOWED',
    )
  })

  it('lets a CTE shadow a table name only inside its own WITH', () => {
    const inner = 'SELECT * FROM (WITH secrets AS (SELECT 1 AS x) SELECT * FROM secrets) a'
    expect(verdict(checkSql(readOnly(), inner))).toBe('allow')
    expect(verdict(checkSql(readOnly(), `${inner}, secrets`))).toBe('SQL_TABLE_NOT_ALLOWED')
    expect(verdict(checkSql(readOnly(), `${inner} WHERE EXISTS (SELECT 1 FROM secrets)`))).toBe(
      'SQL_TABLE_NOT_ALLOWED',
    )
  })

  it('reads a non-recursive CTE name inside its own body as the real table', () => {
    expect(
      verdict(checkSql(readOnly(), 'WITH secrets AS (SELECT * FROM secrets) SELECT * FROM secrets')),
    ).toBe('SQL_TABLE_NOT_ALLOWED')
    expect(
      verdict(checkSql(readOnly(), 'WITH a AS (SELECT * FROM b), b AS (SELECT 1) SELECT * FROM a')),
    ).toBe('SQL_TABLE_NOT_ALLOWED')
    const recursive =
      'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5) SELECT * FROM r'
    expect(verdict(checkSql(readOnly(), recursive))).toBe('allow')
  })

  it('never treats a write target as a CTE', () => {
    const sql = 'WITH secrets AS (SELECT 1) DELETE FROM secrets'
    expect(verdict(checkSql(writer(), sql))).toBe('SQL_TABLE_NOT_ALLOWED')
    expect(verdict(checkSql(writer(), 'UPDATE orders SET qty = s.qty FROM secrets s'))).toBe(
      'SQL_TABLE_NOT_ALLOWED',
    )
    expect(verdict(checkSql(writer(), 'DELETE FROM orders USING secrets'))).toBe('SQL_TABLE_NOT_ALLOWED')
    expect(verdict(checkSql(writer(), 'INSERT INTO orders SELECT * FROM secrets'))).toBe(
      'SQL_TABLE_NOT_ALLOWED',
    )
    expect(verdict(checkSql(writer(), 'INSERT INTO secrets VALUES (1)'))).toBe('SQL_TABLE_NOT_ALLOWED')
    expect(verdict(checkSql(writer(), 'DELETE FROM orders RETURNING (SELECT pw FROM secrets LIMIT 1)'))).toBe(
      'SQL_TABLE_NOT_ALLOWED',
    )
    expect(verdict(checkSql(writer(), 'UPDATE orders SET note = (SELECT pw FROM secrets LIMIT 1)'))).toBe(
      'SQL_TABLE_NOT_ALLOWED',
    )
  })

  it('resolves unicode-escaped identifiers the way PostgreSQL does', () => {
    expect(verdict(checkSql(readOnly(), 'SELECT * FROM U&"\\006frders" LIMIT 1'))).toBe('allow')
    expect(verdict(checkSql(readOnly(), 'SELECT * FROM U&"\\0073ecrets"'))).toBe('SQL_TABLE_NOT_ALLOWED')
  })
})
