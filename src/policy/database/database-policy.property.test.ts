import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { isKnownCode } from '../../errors/catalog.js'
import { checkSql, compileDatabasePolicy } from './database-policy.js'
import { naiveReading } from './sql-oracle.case.js'
import { loadSqlParser } from './sql-parser.js'

beforeAll(async () => {
  await loadSqlParser()
})

const seed = compileDatabasePolicy(
  { tables: ['products', 'orders'], operations: ['SELECT'], rowLimit: 1000 },
  [],
)

// Words that make random text look like SQL often enough to reach the walker, not just the parser.
const SQL_WORDS = [
  'SELECT',
  '*',
  'FROM',
  'orders',
  'products',
  'secrets',
  'pg_user',
  'WHERE',
  'id',
  '=',
  '1',
  ';',
  '--',
  '/*',
  '*/',
  "'",
  '"',
  '$$',
  '(',
  ')',
  ',',
  'WITH',
  'x',
  'AS',
  'UNION',
  'JOIN',
  'ON',
  'LATERAL',
  'LIMIT',
  'ALL',
  'OFFSET',
  'FOR',
  'UPDATE',
  'DELETE',
  'INSERT',
  'INTO',
  'VALUES',
  'RETURNING',
  'pg_sleep(1)',
  'count(*)',
  'COMMIT',
  'EXPLAIN',
  'ANALYZE',
  '$1',
  '::regclass',
  'U&"\\0070g_user"',
  '\n',
  'FETCH',
  'FIRST',
  'ROWS',
  'ONLY',
  'é',
]
const sqlSoup = fc.array(fc.constantFrom(...SQL_WORDS), { maxLength: 24 }).map((words) => words.join(' '))

describe('checkSql properties', () => {
  it('never throws and answers with catalogued codes on any string', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), sqlSoup),
        (sql) => {
          const result = checkSql(seed, sql)
          if (result.code !== undefined) expect(isKnownCode(result.code)).toBe(true)
        },
      ),
      { numRuns: 3000 },
    )
  })

  it('allows only one SELECT over granted tables, whatever the soup of words', () => {
    fc.assert(
      fc.property(sqlSoup, (sql) => {
        const result = checkSql(seed, sql)
        if (!result.allowed) return
        const ran = typeof result.args?.sql === 'string' ? result.args.sql : sql
        const reading = naiveReading(ran)
        expect(reading.statements).toBe(1)
        expect(['SelectStmt', 'ExplainStmt']).toContain(reading.kinds[0])
        for (const r of reading.relations)
          expect(['orders', 'products', 'x'].includes(r), `${sql} reads ${r}`).toBe(true)
        expect(reading.functions.every((f) => f === 'count')).toBe(true)
      }),
      { numRuns: 3000 },
    )
  })
})

// Table names as a query writes them, with the grant key each one resolves to (null: never grantable).
const TABLES: ReadonlyArray<readonly [string, string | null]> = [
  ['orders', 'orders'],
  ['products', 'products'],
  ['customers', 'customers'],
  ['secrets', 'secrets'],
  ['public.orders', 'orders'],
  ['public.secrets', 'secrets'],
  ['"orders"', 'orders'],
  ['"Orders"', null],
  ['hr.orders', null],
  ['pg_user', null],
  ['pg_catalog.pg_authid', null],
  ['information_schema.tables', null],
  ['ONLY customers', 'customers'],
]
const GRANTABLE = ['orders', 'products', 'customers', 'secrets']

type Combinator = (query: string, table: string) => string
const COMBINATORS: readonly Combinator[] = [
  (q, t) => `SELECT a.id FROM (${q}) a JOIN ${t} b ON a.id = b.id`,
  (q, t) => `(${q}) UNION SELECT id FROM ${t}`,
  (q, t) => `SELECT id FROM ${t} WHERE id IN (${q})`,
  (q, t) => `SELECT (SELECT count(*) FROM ${t}) AS n, s.id FROM (${q}) s`,
  (q, t) => `SELECT s.id FROM (${q}) s, LATERAL (SELECT id FROM ${t} WHERE id = s.id) l`,
  (q, t) => `SELECT id FROM ${t} WHERE EXISTS (${q})`,
  (q, t) => `WITH cte_x AS (${q}) SELECT id FROM cte_x JOIN ${t} USING (id)`,
  (q, t) => `SELECT id FROM ${t} GROUP BY id HAVING count(*) > (SELECT count(*) FROM (${q}) h)`,
  (q, t) => `SELECT id FROM (${q}) o ORDER BY (SELECT max(id) FROM ${t})`,
]

describe('checkSql over generated queries', () => {
  it('allows a generated read iff every table it names is granted', () => {
    const table = fc.constantFrom(...TABLES)
    fc.assert(
      fc.property(
        fc.subarray(GRANTABLE),
        table,
        fc.array(fc.tuple(fc.nat(COMBINATORS.length - 1), table), { maxLength: 5 }),
        (granted, first, steps) => {
          const policy = compileDatabasePolicy({ tables: granted, operations: ['SELECT'], rowLimit: 50 }, [])
          let sql = `SELECT id FROM ${first[0]}`
          const used = [first[1]]
          for (const [i, [written, key]] of steps) {
            sql = (COMBINATORS[i] as Combinator)(sql, written)
            used.push(key)
          }
          const expected = used.every((key) => key !== null && granted.includes(key))
          const result = checkSql(policy, sql)
          expect(result.allowed, `${sql} with ${granted.join(',')}: ${JSON.stringify(result)}`).toBe(expected)
          if (result.allowed) expect(typeof result.args?.sql).toBe('string')
        },
      ),
      { numRuns: 1500 },
    )
  })

  it('lets no CTE name hide a table that is not granted', () => {
    fc.assert(
      fc.property(fc.constantFrom(...GRANTABLE), fc.constantFrom(...GRANTABLE), (cteName, read) => {
        const policy = compileDatabasePolicy({ tables: [cteName], operations: ['SELECT'] }, [])
        const sql = `WITH ${cteName} AS (SELECT * FROM ${read}) SELECT * FROM ${cteName}`
        expect(checkSql(policy, sql).allowed).toBe(read === cteName)
      }),
    )
  })
})
