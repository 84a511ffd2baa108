import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfigFile } from '../config/load.js'
import { compilePolicy } from '../policy/agent-policy.js'
import { ensureDemoSandbox } from './demo-sandbox.js'
import { type GovernedTools, openGovernedTools } from './governed-tools.js'
import { anOptions, codeOf } from './tools-fixture.case.js'

const root = new URL('../..', import.meta.url).pathname

interface ExampleAction {
  readonly id: string
  readonly agent: string
  readonly tool: string
  readonly args: Record<string, unknown>
}

// What the governed tools themselves do with each example action that names one (http.request is left
// out: the example hosts are real internet names). Refusals are the execution-time re-check.
const EXPECTED: Readonly<Record<string, string | undefined>> = {
  'read-report': undefined,
  'delete-backups': 'FILES_DELETE_NOT_ALLOWED',
}

describe('the example actions against the demo sandbox', () => {
  let cwd: string
  let tools: GovernedTools
  const actions = readFileSync(join(root, 'examples/actions.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as ExampleAction)

  beforeAll(async () => {
    cwd = mkdtempSync(join(tmpdir(), 'warden-seed-'))
    ensureDemoSandbox(cwd)
    const config = loadConfigFile(join(root, 'examples/warden.yaml')).config
    const policy = compilePolicy(config)
    tools = await openGovernedTools({
      governed: config.governed,
      cwd,
      policyOf: (id) => policy.agents.get(id),
    })
  })

  afterAll(async () => {
    await tools?.close()
    rmSync(cwd, { recursive: true, force: true })
  })

  it('finds every file and table the examples name', async () => {
    for (const action of actions) {
      if (!tools.tools().some((t) => t.name === action.tool) || action.tool === 'http.request') continue
      const options = anOptions({ agentId: action.agent, dryRun: true })
      const result = await tools.call(action.tool, action.args, options)
      const code = codeOf(result)
      if (Object.hasOwn(EXPECTED, action.id)) expect(code, action.id).toBe(EXPECTED[action.id])
      // A refusal is the policy's (the agent may not), never a missing resource in the sandbox.
      expect(code ?? '', action.id).not.toMatch(/NOT_FOUND|MOUNT|TOOL_DB_ERROR|UNAVAILABLE/)
    }
  })

  it('pays the seed’s high-risk transfer from the sandbox ledger', async () => {
    const transfer = actions.find((a) => a.tool === 'payments.transfer')
    if (transfer === undefined) throw new Error('the examples have no transfer')
    const result = await tools.call('payments.transfer', transfer.args, anOptions({ agentId: 'ops' }))
    expect(result.isError).toBeUndefined()
  })
})
