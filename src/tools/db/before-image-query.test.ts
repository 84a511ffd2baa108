import { beforeAll, describe, expect, it } from 'vitest'
import { loadSqlParser, parseSql } from '../../policy/database/sql-parser.js'
import { beforeImageQuery } from './before-image-query.js'

beforeAll(() => loadSqlParser())

describe('beforeImageQuery', () => {
  const cases: [string, string][] = [
    ['UPDATE orders SET total = 0 WHERE id = $1', 'SELECT "orders".* FROM orders WHERE id = $1'],
    ['DELETE FROM orders', 'SELECT "orders".* FROM orders'],
    [
      'UPDATE orders AS o SET total = p.price FROM products p WHERE o.pid = p.id RETURNING o.id;',
      'SELECT "o".* FROM orders AS o, products p WHERE o.pid = p.id',
    ],
    [
      'DELETE FROM shop.orders o USING users u WHERE u.id = o.uid',
      'SELECT "o".* FROM shop.orders o, users u WHERE u.id = o.uid',
    ],
    ['UPDATE t SET a = 1 WHERE a IS DISTINCT FROM 2', 'SELECT "t".* FROM t WHERE a IS DISTINCT FROM 2'],
    ["UPDATE t SET note = 'WHERE x FROM y' WHERE id = 3", 'SELECT "t".* FROM t WHERE id = 3'],
    [
      'UPDATE t SET a = (SELECT max(b) FROM u WHERE u.c = t.c) WHERE t.id > 1',
      'SELECT "t".* FROM t WHERE t.id > 1',
    ],
    ['UPDATE "Order" SET a = 1 WHERE "where" = 2', 'SELECT "Order".* FROM "Order" WHERE "where" = 2'],
    [
      'WITH x AS (SELECT 1 AS id) DELETE FROM t WHERE id IN (SELECT id FROM x)',
      'WITH x AS (SELECT 1 AS id) SELECT "t".* FROM t WHERE id IN (SELECT id FROM x)',
    ],
  ]

  it.each(cases)('cuts the rows of %s', (sql, select) => {
    const query = beforeImageQuery(sql)
    expect(query?.select).toBe(select)
    expect(parseSql(query?.select ?? '').ok).toBe(true)
  })

  it('names the target table, schema-qualified and quoted', () => {
    expect(beforeImageQuery('DELETE FROM shop.orders WHERE id = 1')).toMatchObject({
      table: '"shop"."orders"',
      name: 'shop.orders',
    })
  })

  it('has nothing for statements that are not UPDATE or DELETE', () => {
    for (const sql of [
      'SELECT 1',
      'INSERT INTO t VALUES (1)',
      'not sql at all',
      'UPDATE a SET x = 1; DELETE FROM b',
    ]) {
      expect(beforeImageQuery(sql), sql).toBeUndefined()
    }
  })
})
