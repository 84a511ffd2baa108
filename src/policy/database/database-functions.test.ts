import { beforeAll, describe, expect, it } from 'vitest'
import { checkSql, loadSqlParser } from './database-policy.js'
import { aPolicy, readOnly, verdict } from './sql-policy.case.js'

beforeAll(async () => {
  await loadSqlParser()
})

describe('checkSql: functions', () => {
  it.each([
    ["SELECT pg_read_file('/etc/passwd')"],
    ["SELECT pg_catalog.pg_read_file('/etc/passwd')"],
    ["SELECT * FROM dblink('host=evil', 'SELECT 1') AS t(x int)"],
    ["SELECT lo_import('/etc/passwd')"],
    ["SELECT set_config('search_path', 'evil', false)"],
    ['SELECT pg_sleep(10)'],
    ["SELECT current_setting('data_directory')"],
    ['SELECT version()'],
    ["SELECT nextval('orders_id_seq')"],
    ['SELECT current_user'],
    ['SELECT session_user'],
    ['SELECT * FROM orders WHERE id = (SELECT pg_sleep(5))::text::int'],
    ["SELECT * FROM orders WHERE name = 'x' OR pg_sleep(5) IS NULL"],
    ['SELECT * FROM orders ORDER BY pg_sleep(1)'],
    ['SELECT evil.fn()'],
    ['SELECT * FROM orders WHERE id OPERATOR(public.===) 1'],
    ["SELECT 'x'::evil.mytype"],
    ["SELECT query_to_xml('SELECT * FROM secrets', true, true, '')"],
    ['SELECT * FROM orders TABLESAMPLE system_time(1000)'],
    ['SELECT * FROM orders ORDER BY id USING OPERATOR(public.<<<)'],
    ["SELECT ts_stat('SELECT secret FROM secrets')"],
  ])('refuses %j', (sql) => {
    expect(verdict(checkSql(readOnly(), sql))).toBe('SQL_FUNCTION_NOT_ALLOWED')
  })

  it('refuses a bare type that is not built in, such as the row type of an ungranted table', () => {
    // (null::users).* would list the columns of users.
    expect(verdict(checkSql(readOnly(), 'SELECT (null::users).*'))).toBe('SQL_FUNCTION_NOT_ALLOWED')
    expect(verdict(checkSql(readOnly(), "SELECT 'x'::order_status"))).toBe('SQL_FUNCTION_NOT_ALLOWED')
    expect(verdict(checkSql(readOnly(), 'SELECT (null::pg_authid).*'))).toBe('SQL_SYSTEM_CATALOG')
    expect(verdict(checkSql(readOnly(), 'SELECT (null::orders).*'))).toBe('allow')
    const casts =
      "SELECT id::int, id::bigint, note::varchar(3), '1'::json, '{}'::jsonb, 'a'::text[], now()::timestamptz(3), '2020-01-01'::date, '1 day'::interval, gen_random_uuid()::uuid FROM orders"
    expect(verdict(checkSql(readOnly(), casts))).toBe('allow')
  })

  it('allows the grammar-generated built-ins behind SQL syntax', () => {
    const sql =
      "SELECT note LIKE 'a!%' ESCAPE '!', note NOT ILIKE 'x' ESCAPE '\\', note SIMILAR TO 'a%', trim(both 'x' from note), position('a' in note), overlay(note placing 'x' from 1), created_at AT TIME ZONE 'UTC', note IS NORMALIZED FROM orders"
    expect(verdict(checkSql(readOnly(), sql))).toBe('allow')
  })

  it('allows the safe built-ins and functions the grant adds', () => {
    const sql =
      "SELECT lower(name), count(*), sum(qty), round(avg(price), 2), date_trunc('day', created_at), extract(year FROM created_at), now(), current_date, coalesce(note, ''), substring(name FROM 1 FOR 3), row_number() OVER (ORDER BY id) FROM orders GROUP BY 1, 5, 6, 9, 10, id LIMIT 10"
    expect(verdict(checkSql(readOnly(), sql))).toBe('allow')
    expect(verdict(checkSql(readOnly(), 'SELECT my_score(id) FROM orders LIMIT 1'))).toBe(
      'SQL_FUNCTION_NOT_ALLOWED',
    )
    const granted = aPolicy({ functions: ['my_score', 'analytics.churn'] })
    expect(verdict(checkSql(granted, 'SELECT my_score(id), public.my_score(id) FROM orders LIMIT 1'))).toBe(
      'allow',
    )
    expect(verdict(checkSql(granted, 'SELECT analytics.churn(id) FROM orders LIMIT 1'))).toBe('allow')
    expect(verdict(checkSql(granted, 'SELECT churn(id) FROM orders LIMIT 1'))).toBe(
      'SQL_FUNCTION_NOT_ALLOWED',
    )
  })
})

describe('checkSql: legitimate queries', () => {
  it.each([
    ['SELECT * FROM products LIMIT 10'],
    ['SELECT p.name, o.qty FROM orders o JOIN products p ON p.id = o.product_id WHERE o.qty > $1 LIMIT 100'],
    [
      'SELECT product_id, sum(qty) AS total FROM orders GROUP BY product_id HAVING sum(qty) > 10 ORDER BY total DESC LIMIT 5',
    ],
    [
      "WITH recent AS (SELECT * FROM orders WHERE created_at > now() - interval '7 days') SELECT count(*) FROM recent",
    ],
    ['SELECT * FROM products WHERE id IN (SELECT product_id FROM orders) LIMIT 50'],
    ["SELECT * FROM products WHERE name ILIKE '%' || $1 || '%' LIMIT 20"],
    [
      'SELECT * FROM products p LEFT JOIN LATERAL (SELECT * FROM orders o WHERE o.product_id = p.id LIMIT 1) x ON true LIMIT 10',
    ],
    ['SELECT id FROM products UNION ALL SELECT product_id FROM orders LIMIT 10'],
    ['SELECT DISTINCT ON (product_id) * FROM orders ORDER BY product_id, created_at DESC LIMIT 10'],
    ["SELECT * FROM orders WHERE note = 'DELETE FROM orders; DROP TABLE x' LIMIT 1"],
    ['SELECT * FROM orders WHERE note = $$pg_sleep(1); COMMIT$$ LIMIT 1'],
    ["SELECT id /* pg_read_file('x') */ FROM orders -- ; DROP TABLE orders\n LIMIT 1"],
    ['SELECT count(*) FROM public.orders'],
    ['VALUES (1, 2), (3, 4)'],
    ['SELECT 1'],
    ['SELECT * FROM orders TABLESAMPLE bernoulli(10) REPEATABLE (42) LIMIT 5'],
    ['SELECT * FROM orders ORDER BY id USING < LIMIT 5'],
  ])('allows %j', (sql) => {
    expect(verdict(checkSql(aPolicy(), sql))).toBe('allow')
  })
})
