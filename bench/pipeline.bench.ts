import { parseConfig } from '../src/config/load.js'
import type { Action } from '../src/core/action.js'
import { createEngine } from '../src/engine/engine.js'
import { type BenchRow, type BenchSuite, measure } from './harness.js'

// Whole decisions through the engine (every decision stage, the runner, the trace), per kind of action,
// with the seed's permissions (no apis rateLimit here, so every URL is really checked): what `warden check`
// and the gateway pay per action before any I/O.
const config = parseConfig(`
agents:
  reporter:
    permissions:
      files: { read: ['/data/public/**', '/data/reports/**'], write: ['/data/outputs/**'], delete: [] }
      database: { tables: [products, orders], operations: [SELECT], rowLimit: 1000 }
      apis: { allowed: [weather.api.com, maps.api.com], methods: [GET] }
`)

const files: Action[] = [
  { agent: 'reporter', tool: 'files.read', args: { path: '/data/reports/2026/q3/summary.csv' } },
  { agent: 'reporter', tool: 'files.read', args: { path: '/data/public/%2e%2e/%2e%2e/etc/passwd' } },
  { agent: 'reporter', tool: 'files.write', args: { path: '/data/outputs/report.md', content: 'x' } },
  { agent: 'reporter', tool: 'files.delete', args: { path: '/data/outputs/old.tar' } },
]
const urls: Action[] = [
  {
    agent: 'reporter',
    tool: 'http.request',
    args: { method: 'GET', url: 'https://weather.api.com/v1/today?city=Tunis' },
  },
  {
    agent: 'reporter',
    tool: 'http.request',
    args: { method: 'POST', url: 'https://weather.api.com.evil.example/x' },
  },
  { agent: 'reporter', tool: 'http.request', args: { method: 'GET', url: 'http://2130706433/' } },
]
const sql: Action[] = [
  {
    agent: 'reporter',
    tool: 'db.query',
    args: { sql: 'SELECT id, total FROM orders WHERE total > 100 ORDER BY total DESC LIMIT 50' },
  },
  {
    agent: 'reporter',
    tool: 'db.query',
    args: {
      sql: 'SELECT p.name, count(*) FROM products p JOIN orders o ON o.product_id = p.id GROUP BY p.name',
    },
  },
  { agent: 'reporter', tool: 'db.query', args: { sql: 'COMMIT; DROP SCHEMA public CASCADE' } },
  { agent: 'reporter', tool: 'db.query', args: { sql: 'SELECT * FROM users' } },
]

export const suite: BenchSuite = {
  title: 'Whole engine decisions (input, policy, risk, behavior, escalation stages; the seed permissions)',
  async run(): Promise<BenchRow[]> {
    const engine = await createEngine(config)
    return [
      await measure('file actions (allow + deny mix)', (i) =>
        engine.evaluate(files[i % files.length] as Action),
      ),
      await measure('URL actions (allow + deny mix)', (i) =>
        engine.evaluate(urls[i % urls.length] as Action),
      ),
      await measure(
        'SQL actions (allow + rewrite + deny mix)',
        (i) => engine.evaluate(sql[i % sql.length] as Action),
        {
          iterations: 20_000,
        },
      ),
    ]
  },
}
