import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { configSchema } from '../src/config/schema.js'
import { compilePolicy } from '../src/policy/agent-policy.js'
import { ensureDemoSandbox } from '../src/tools/demo-sandbox.js'
import { openGovernedTools } from '../src/tools/governed-tools.js'
import { type BenchRow, type BenchSuite, measure } from './harness.js'

// Governed tool calls per second through GovernedTools.call on the demo sandbox: the policy re-check,
// mount walk (lstat per component, O_NOFOLLOW open, descriptor check) and read for files.read; the SQL
// re-check, restatement and a round trip to the SQLite worker thread for db.query.
export const suite: BenchSuite = {
  title: 'governed tools: call()',
  async run(): Promise<readonly BenchRow[]> {
    const cwd = mkdtempSync(join(tmpdir(), 'warden-bench-tools-'))
    ensureDemoSandbox(cwd)
    const config = configSchema.parse({
      agents: {
        bench: {
          permissions: {
            files: { read: ['/data/public/**', '/data/reports/**'], write: ['/data/outputs/**'] },
            database: { tables: ['products', 'orders'], operations: ['SELECT', 'UPDATE'], rowLimit: 1000 },
          },
        },
      },
      governed: { files: { mounts: { '/data': './sandbox/data' } }, db: { url: 'sqlite:./sandbox/shop.db' } },
    })
    const policy = compilePolicy(config)
    const tools = await openGovernedTools({
      governed: config.governed,
      cwd,
      policyOf: (id) => policy.agents.get(id),
    })
    const options = (i: number, dryRun = false) => ({
      signal: new AbortController().signal,
      actionId: `bench-${i}`,
      agentId: 'bench',
      dryRun,
    })
    try {
      return [
        await measure(
          'files.read (209-byte file)',
          (i) => tools.call('files.read', { path: '/data/public/welcome.txt' }, options(i)),
          {
            iterations: 20_000,
          },
        ),
        await measure('files.list', (i) => tools.call('files.list', { path: '/data/public' }, options(i)), {
          iterations: 10_000,
        }),
        await measure(
          'db.query SELECT by key',
          (i) =>
            tools.call(
              'db.query',
              { sql: 'SELECT name, price_cents FROM products WHERE id = $1', params: [(i % 4) + 1] },
              options(i),
            ),
          { iterations: 10_000 },
        ),
        await measure(
          'db.query SELECT join',
          (i) =>
            tools.call(
              'db.query',
              { sql: 'SELECT o.id, p.name FROM orders o JOIN products p ON p.id = o.product_id' },
              options(i),
            ),
          { iterations: 10_000 },
        ),
        await measure(
          'db.query UPDATE dry-run (rolled back)',
          (i) =>
            tools.call(
              'db.query',
              { sql: 'UPDATE products SET stock = stock - 1 WHERE id = $1', params: [(i % 4) + 1] },
              options(i, true),
            ),
          { iterations: 5_000 },
        ),
      ]
    } finally {
      await tools.close()
      rmSync(cwd, { recursive: true, force: true })
    }
  },
}
