import fc from 'fast-check'

// Query generators shared by the property tests and the PostgreSQL privilege oracle.

// Words that make random text look like SQL often enough to reach the walker, not just the parser.
const SQL_WORDS = [
  ...'SELECT * FROM orders products secrets pg_user WHERE id = 1 ; -- /* */ \' " $$ ( ) , WITH x AS UNION'.split(
    ' ',
  ),
  ...'JOIN ON LATERAL LIMIT ALL OFFSET FOR UPDATE DELETE INSERT INTO VALUES RETURNING pg_sleep(1)'.split(' '),
  ...'count(*) COMMIT EXPLAIN ANALYZE $1 ::regclass U&"\\0070g_user" FETCH FIRST ROWS ONLY é'.split(' '),
  '\n',
]

/** Random sequences of SQL words: mostly invalid, sometimes a query, sometimes an attack. */
export const sqlSoup = fc
  .array(fc.constantFrom(...SQL_WORDS), { maxLength: 24 })
  .map((words) => words.join(' '))

/** Table names as a query writes them, with the grant key each resolves to (null: never grantable). */
export const TABLES: ReadonlyArray<readonly [string, string | null]> = [
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

/** The tables of TABLES a grant may name. */
export const GRANTABLE = ['orders', 'products', 'customers', 'secrets']

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
  (q, t) => `WITH ${t.replace(/\W/g, '_')} AS (${q}) SELECT id FROM ${t.replace(/\W/g, '_')}`,
]

/** A read built by nesting a first table through random joins, unions, subqueries, LATERAL and CTEs. */
export interface GeneratedRead {
  readonly sql: string
  /** The grant key of every table the read really touches (null: never grantable). */
  readonly used: ReadonlyArray<string | null>
}

export const generatedRead: fc.Arbitrary<GeneratedRead> = fc
  .tuple(
    fc.constantFrom(...TABLES),
    fc.array(fc.tuple(fc.nat(COMBINATORS.length - 1), fc.constantFrom(...TABLES)), { maxLength: 5 }),
  )
  .map(([first, steps]) => {
    let sql = `SELECT id FROM ${first[0]}`
    const used = [first[1]]
    for (const [i, [written, key]] of steps) {
      sql = (COMBINATORS[i] as Combinator)(sql, written)
      // The last combinator only names the table as a CTE: it reads nothing new.
      if (i !== COMBINATORS.length - 1) used.push(key)
    }
    return { sql, used }
  })
