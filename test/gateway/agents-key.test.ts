import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { runCli } from '../cli/run-cli.js'

describe('warden agents key', () => {
  it('prints a new key and the sha256: line of exactly that key', async () => {
    const run = await runCli(['agents', 'key', 'reporter'])
    expect(run.status).toBe(0)
    const [key, hash, rest] = run.stdout.split('\n')
    expect(key).toMatch(/^wdn_agent_[A-Za-z0-9_-]{43}$/)
    expect(hash).toBe(
      `sha256:${createHash('sha256')
        .update(key as string)
        .digest('hex')}`,
    )
    expect(rest).toBe('')
    expect(run.stderr).toContain('agents.reporter.keys')
  })

  it('makes a different key each time', async () => {
    const a = await runCli(['agents', 'key', 'reporter'])
    const b = await runCli(['agents', 'key', 'reporter'])
    expect(a.stdout.split('\n')[0]).not.toBe(b.stdout.split('\n')[0])
  })

  it('warns about an agent the config does not name, and refuses a missing id', async () => {
    expect((await runCli(['agents', 'key', 'nobody'])).stderr).toContain('no agent "nobody"')
    const bad = await runCli(['agents', 'key'])
    expect(bad.status).toBe(1)
    expect(bad.stderr).toContain('USAGE')
  })
})
