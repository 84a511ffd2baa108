import { checkSql, compileDatabasePolicy, loadSqlParser } from '../src/policy/database/database-policy.js'
import { type BenchSuite, measure } from './harness.js'

// The database boundary parses every db.query with the real PostgreSQL parser (WebAssembly), walks the
// whole tree, and rewrites the LIMIT of reads: this is its cost per decision.
const policy = compileDatabasePolicy(
  { tables: ['products', 'orders'], operations: ['SELECT'], rowLimit: 1000 },
  ['database'],
)

// What an analytics agent sends: mostly reads that fit, some that get a LIMIT, some refused.
const ALLOWED = [
  'SELECT id, name, price FROM products WHERE price > $1 LIMIT 50',
  "SELECT o.id, p.name, o.qty FROM orders o JOIN products p ON p.id = o.product_id WHERE o.created_at > now() - interval '7 days' ORDER BY o.created_at DESC LIMIT 100",
  'SELECT product_id, sum(qty) AS total FROM orders GROUP BY product_id HAVING sum(qty) > 10 ORDER BY total DESC LIMIT 20',
  'WITH recent AS (SELECT * FROM orders WHERE created_at > $1) SELECT p.name, count(*) FROM recent r JOIN products p ON p.id = r.product_id GROUP BY p.name LIMIT 10',
  'SELECT count(*) FROM orders',
]
const REWRITTEN = [
  'SELECT * FROM orders',
  'SELECT * FROM products WHERE name ILIKE $1 LIMIT 5000',
  'SELECT * FROM orders ORDER BY id LIMIT $1 -- page',
]
const DENIED = [
  'COMMIT; DROP SCHEMA public CASCADE',
  'WITH d AS (DELETE FROM orders RETURNING *) SELECT * FROM d',
  "SELECT pg_read_file('/etc/passwd')",
  'WITH orders AS (SELECT * FROM users) SELECT * FROM orders',
  'SELECT * FROM orders WHERE id IN (SELECT oid FROM pg_class)',
]
// 10 allowed, 3 rewritten, 5 denied in every 18 decisions.
const MIX = [...ALLOWED, ...ALLOWED, ...REWRITTEN, ...DENIED]

export const suite: BenchSuite = {
  title: 'database boundary (checkSql)',
  async run() {
    await loadSqlParser()
    return [
      await measure('checkSql, realistic mix', (i) => checkSql(policy, MIX[i % MIX.length]), {
        iterations: 50_000,
        note: '10 allowed : 3 rewritten : 5 denied',
      }),
      await measure('checkSql, allowed join with LIMIT', (i) => checkSql(policy, ALLOWED[1 + (i % 2)]), {
        iterations: 30_000,
      }),
      await measure('checkSql, LIMIT rewrite', (i) => checkSql(policy, REWRITTEN[i % REWRITTEN.length]), {
        iterations: 30_000,
      }),
      await measure('checkSql, attacks (denied)', (i) => checkSql(policy, DENIED[i % DENIED.length]), {
        iterations: 30_000,
      }),
    ]
  },
}
