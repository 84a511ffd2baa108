import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { configSchema } from '../config/schema.js'
import type { CallOptions, ToolResult } from '../gateway/tool-source.js'
import { compilePolicy } from '../policy/agent-policy.js'
import { ensureDemoSandbox } from './demo-sandbox.js'
import { type GovernedTools, type GovernedToolsOptions, openGovernedTools } from './governed-tools.js'

/** The permissions of the test agent `a` (the seed's reporter, with writes and deletes granted). */
export const TEST_PERMISSIONS = {
  files: {
    read: ['/data/**'],
    write: ['/data/outputs/**', '/data/public/**'],
    delete: ['/data/outputs/**', '/data/backups/**'],
  },
  database: {
    tables: ['products', 'orders', 'users', 'invoices'],
    operations: ['SELECT', 'UPDATE', 'DELETE', 'INSERT'],
    rowLimit: 3,
  },
}

/** A temporary working folder with the demo sandbox, and governed tools opened over it. */
export async function aSandbox(
  permissions: Record<string, unknown> = TEST_PERMISSIONS,
  extra: Partial<GovernedToolsOptions> & { governed?: Record<string, unknown> } = {},
): Promise<{ cwd: string; tools: GovernedTools; data: string; cleanup: () => Promise<void> }> {
  const cwd = mkdtempSync(join(tmpdir(), 'warden-tools-'))
  ensureDemoSandbox(cwd)
  const config = configSchema.parse({
    agents: { a: { permissions } },
    governed: extra.governed ?? {
      files: { mounts: { '/data': './sandbox/data' } },
      db: { url: 'sqlite:./sandbox/shop.db' },
      email: { outbox: './sandbox/outbox' },
      payments: { ledger: 'sqlite:./sandbox/ledger.db' },
    },
  })
  const policy = compilePolicy(config)
  const { governed: _ignored, ...rest } = extra
  const tools = await openGovernedTools({
    governed: config.governed,
    cwd,
    policyOf: (id) => policy.agents.get(id),
    ...rest,
  }).catch((error: unknown) => {
    rmSync(cwd, { recursive: true, force: true })
    throw error
  })
  return {
    cwd,
    tools,
    data: join(cwd, 'sandbox', 'data'),
    cleanup: async () => {
      await tools.close()
      rmSync(cwd, { recursive: true, force: true })
    },
  }
}

let counter = 0

/** Call options for agent `a` with a fresh action id. */
export function anOptions(overrides: Partial<CallOptions> = {}): CallOptions {
  counter++
  return {
    signal: new AbortController().signal,
    actionId: `act-${process.pid}-${counter}`,
    agentId: 'a',
    ...overrides,
  }
}

/** The text of a result. */
export function textOf(result: ToolResult): string {
  const first = result.content[0]
  return first !== undefined && first.type === 'text' ? first.text : ''
}

/** The code a failed result starts with. */
export function codeOf(result: ToolResult): string | undefined {
  return result.isError === true ? textOf(result).split(':')[0] : undefined
}
