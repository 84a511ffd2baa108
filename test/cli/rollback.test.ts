import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseConfig } from '../../src/config/load.js'
import { compilePolicy } from '../../src/policy/agent-policy.js'
import { ensureDemoSandbox } from '../../src/tools/demo-sandbox.js'
import { openGovernedTools } from '../../src/tools/governed-tools.js'
import { runCli } from './run-cli.js'

const CONFIG = `
agents:
  writer:
    permissions:
      files: { read: ['/data/**'], write: ['/data/outputs/**'] }
governed:
  files: { mounts: { /data: ./sandbox/data } }
store: 'sqlite:.warden/warden.db'
`

describe('warden rollback', () => {
  it('restores a file a governed write changed, byte for byte, and records the rollback in the audit log', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'warden-rollback-'))
    ensureDemoSandbox(cwd)
    writeFileSync(join(cwd, 'warden.yaml'), CONFIG)
    const target = join(cwd, 'sandbox/data/outputs/README.txt')
    const before = readFileSync(target)
    const loaded = parseConfig(CONFIG)
    const policy = compilePolicy(loaded.config)
    const governed = await openGovernedTools({
      governed: loaded.config.governed,
      cwd,
      policyOf: (id) => policy.agents.get(id),
    })
    const wrote = await governed.call(
      'files.write',
      { path: '/data/outputs/README.txt', content: 'overwritten by the agent\n' },
      { signal: new AbortController().signal, actionId: 'act-1', agentId: 'writer' },
    )
    await governed.close()
    expect(wrote.isError).not.toBe(true)
    expect(readFileSync(target, 'utf8')).toBe('overwritten by the agent\n')

    // warden.rollback is high risk: the first run files an approval and touches nothing.
    const argv = ['rollback', 'act-1', '--reason', 'the agent overwrote the readme', '--as', 'alice']
    const held = await runCli(argv, '', cwd)
    expect(held.status, held.stderr).toBe(2)
    expect(held.lines[0]).toMatchObject({ code: 'APPROVAL_PENDING', decision: 'approve' })
    expect(readFileSync(target, 'utf8')).toBe('overwritten by the agent\n')
    const id = held.lines[0]?.['approvalId'] as string
    const self = await runCli(['approvals', 'approve', id, '--reason', 'mine', '--as', 'alice'], '', cwd)
    expect(self.stderr).toMatch(/APPROVAL_SELF/)
    const ok = await runCli(['approvals', 'approve', id, '--reason', 'diff checked', '--as', 'bob'], '', cwd)
    expect(ok.status, ok.stderr).toBe(0)

    const run = await runCli(argv, '', cwd)
    expect(run.status, run.stderr).toBe(0)
    expect(readFileSync(target).equals(before)).toBe(true)

    const query = await runCli(['audit', 'query', '--format', 'jsonl'], '', cwd)
    const rollback = query.lines.filter((r) => r['action'] === 'warden.rollback').map((r) => r['phase'])
    expect(rollback).toEqual(['decision', 'intent', 'outcome'])
    const again = await runCli(['rollback', 'act-1', '--reason', 'twice'], '', cwd)
    expect(again.status).toBe(2) // a second rollback needs a new approval (and would find it done)
    expect(again.lines[0]?.['code']).toBe('APPROVAL_PENDING')
  })

  it('needs a reason', async () => {
    const run = await runCli(['rollback', 'x'])
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(/"code":"USAGE"/)
  })
})
