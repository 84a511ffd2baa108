import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { openLocalKillSwitch } from '../../killswitch/open-local.js'
import { openStore } from '../../store/open-store.js'
import type { CliIO } from '../io.js'
import { agentsCommand } from './agents.js'
import { emergencyStopCommand } from './emergency-stop.js'

async function anIO(env: Record<string, string> = {}) {
  const cwd = await mkdtemp(join(tmpdir(), 'warden-cli-'))
  const stdout = new PassThrough()
  let out = ''
  stdout.on('data', (d) => (out += String(d)))
  const io: CliIO = {
    stdin: new PassThrough(),
    stdout,
    stderr: new PassThrough(),
    env: { USER: 'tester', ...env },
    cwd,
  }
  return {
    io,
    cwd,
    lines: () =>
      out
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l)),
  }
}

describe('warden agents', () => {
  it('pauses an agent, persists it beside the default store, and logs who did it', async () => {
    const { io, cwd, lines } = await anIO()
    expect(await agentsCommand(['pause', 'reporter', '--reason', 'odd reads'], io)).toBe(0)
    expect(lines()[0]).toMatchObject({
      agentId: 'reporter',
      state: 'paused',
      reason: 'odd reads',
      actor: 'cli:tester',
    })
    const gateway = await openLocalKillSwitch({
      storeUrl: 'sqlite:.warden/warden.db',
      busUrl: 'memory:',
      cwd,
    })
    expect(gateway.killSwitch.admit('reporter')).toMatchObject({ ok: false, code: 'AGENT_PAUSED' })
    expect(await gateway.incidents.list()).toEqual([
      expect.objectContaining({ kind: 'paused', agentId: 'reporter', actor: 'cli:tester' }),
    ])
    await gateway.close()
    expect(existsSync(join(cwd, '.warden', 'killswitch.jsonl'))).toBe(false)
  })

  it('lists agent states, resumes, and refuses to undo a termination', async () => {
    const { io, lines } = await anIO()
    await agentsCommand(['terminate', 'rogue', '--reason', 'exfiltration', '--actor', 'alice'], io)
    await agentsCommand(['pause', 'reporter', '--reason', 'r'], io)
    await agentsCommand(['resume', 'reporter', '--reason', 'ok'], io)
    await expect(agentsCommand(['resume', 'rogue', '--reason', 'please'], io)).rejects.toMatchObject({
      code: 'KILL_SWITCH_TERMINATED_FINAL',
    })
    await agentsCommand(['list'], io)
    expect(lines().slice(-2)).toEqual([
      expect.objectContaining({ agentId: 'reporter', state: 'active' }),
      expect.objectContaining({ agentId: 'rogue', state: 'terminated', actor: 'alice' }),
    ])
  })

  it('keeps state in the store a --store URL names', async () => {
    const { io, cwd } = await anIO()
    await agentsCommand(['pause', 'a', '--reason', 'r', '--store', 'sqlite:state/w.db'], io)
    const store = await openStore('sqlite:state/w.db', { cwd, mustExist: true })
    expect((await store.killSwitch.load()).events).toEqual([
      expect.objectContaining({ kind: 'pause', agentId: 'a' }),
    ])
    await store.close()
  })

  it('reaches a gateway holding the same SQLite file open, through the store, with no shared bus', async () => {
    const { io, cwd, lines } = await anIO()
    const gateway = await openLocalKillSwitch({
      storeUrl: 'sqlite:.warden/warden.db',
      // A bus of its own: the CLI's event can only arrive through the store.
      busUrl: `memory:gw-${Date.now()}-${Math.random()}`,
      cwd,
      extra: { resyncMs: 20 },
    })
    try {
      expect(await agentsCommand(['pause', 'reporter', '--reason', 'from the CLI'], io)).toBe(0)
      await expect.poll(() => gateway.killSwitch.admit('reporter').ok).toBe(false)
      expect(gateway.killSwitch.admit('reporter')).toMatchObject({ code: 'AGENT_PAUSED' })
      await gateway.killSwitch.pause('other', 'from the gateway')
      await agentsCommand(['list'], io)
      expect(lines().slice(-2)).toEqual([
        expect.objectContaining({ agentId: 'other', state: 'paused' }),
        expect.objectContaining({ agentId: 'reporter', state: 'paused' }),
      ])
    } finally {
      await gateway.close()
    }
  })

  it('writes from another process to the SQLite file a gateway is writing to, and the gateway picks it up', async () => {
    const { cwd } = await anIO()
    const gateway = await openLocalKillSwitch({
      storeUrl: 'sqlite:.warden/warden.db',
      busUrl: 'memory:',
      cwd,
      extra: { resyncMs: 20 },
    })
    try {
      const main = fileURLToPath(new URL('../main.ts', import.meta.url))
      const script = `import { main } from ${JSON.stringify(main)}
const argv = ['agents', 'pause', 'reporter', '--reason', 'from another process']
process.exitCode = await main(argv, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.env.CLI_CWD })`
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        env: { ...process.env, CLI_CWD: cwd, USER: 'other-process' },
      })
      let stderr = ''
      child.stderr.on('data', (d) => (stderr += String(d)))
      let done = false
      const exited = new Promise<number | null>((resolve) =>
        child.on('close', (code) => {
          done = true
          resolve(code)
        }),
      )
      // The gateway keeps writing to the same file while the CLI starts, migrates, writes and closes it.
      let writes = 0
      while (!done) {
        await gateway.killSwitch.pause(`busy-${writes++}`, 'gateway write')
        await new Promise((resolve) => setTimeout(resolve, 5))
      }
      expect(writes).toBeGreaterThan(1)
      expect(await exited, stderr).toBe(0)
      await expect.poll(() => gateway.killSwitch.admit('reporter').ok).toBe(false)
      expect(gateway.killSwitch.status('reporter')).toMatchObject({
        state: 'paused',
        actor: 'cli:other-process',
      })
      expect((await gateway.incidents.list({ agentId: 'reporter' })).map((i) => i.actor)).toEqual([
        'cli:other-process',
      ])
    } finally {
      await gateway.close()
    }
  })

  it('rejects a missing reason, an unknown verb and stray arguments with USAGE', async () => {
    const { io } = await anIO()
    for (const argv of [
      ['pause', 'a'],
      ['kill', 'a', '--reason', 'r'],
      ['pause', 'a', 'b', '--reason', 'r'],
      ['pause'],
    ]) {
      await expect(agentsCommand(argv, io)).rejects.toMatchObject({ code: 'USAGE' })
    }
    await expect(
      agentsCommand(['pause', 'a', '--reason', 'r', '--bus', 'kafka://x'], io),
    ).rejects.toMatchObject({
      code: 'BUS_URL_INVALID',
    })
  })
})

describe('warden emergency-stop', () => {
  it('stops every agent, alerts the webhook before exiting, and clears', async () => {
    const received: unknown[] = []
    const server = createServer((req, res) => {
      let body = ''
      req.on('data', (d) => (body += String(d)))
      req.on('end', () => {
        received.push(JSON.parse(body))
        res.end()
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    try {
      const { io, cwd, lines } = await anIO({ WARDEN_ALERT_WEBHOOK_URL: `http://127.0.0.1:${port}/hook` })
      expect(await emergencyStopCommand(['--reason', 'campaign'], io)).toBe(0)
      expect(lines()[0]).toMatchObject({ emergencyStop: { active: true, reason: 'campaign' } })
      expect(received).toEqual([
        {
          source: 'warden',
          incident: expect.objectContaining({ kind: 'emergency-stop', reason: 'campaign' }),
        },
      ])
      const gateway = await openLocalKillSwitch({
        storeUrl: 'sqlite:.warden/warden.db',
        busUrl: 'memory:',
        cwd,
      })
      expect(gateway.killSwitch.admit('never-seen')).toMatchObject({ code: 'EMERGENCY_STOP' })
      await gateway.close()
      expect(await emergencyStopCommand(['--clear', '--reason', 'over'], io)).toBe(0)
      expect(lines()[1]).toMatchObject({ emergencyStop: { active: false } })
    } finally {
      server.close()
    }
  })

  it('logs an unreachable webhook as alert-failed and still stops', async () => {
    const { io, cwd } = await anIO({ WARDEN_ALERT_WEBHOOK_URL: 'http://127.0.0.1:1/hook' })
    expect(await emergencyStopCommand(['--reason', 'x'], io)).toBe(0)
    const store = await openStore('sqlite:.warden/warden.db', { cwd, mustExist: true })
    const kinds = (await store.incidents.list()).map((i) => i.kind)
    await store.close()
    expect(kinds).toEqual(['emergency-stop', 'alert-failed'])
  })

  it('signs its event with WARDEN_BUS_KEY, and a gateway holding the key drops an unsigned one', async () => {
    const key = 'a-shared-secret-of-at-least-32-chars'
    const busUrl = `memory:cli-${Date.now()}-${Math.random()}`
    const gatewayDir = await mkdtemp(join(tmpdir(), 'warden-gw-'))
    const gateway = await openLocalKillSwitch({
      storeUrl: 'sqlite:w.db',
      busUrl,
      cwd: gatewayDir,
      extra: { busKey: key },
    })
    try {
      const unsigned = await anIO()
      await agentsCommand(['pause', 'a', '--reason', 'no key', '--bus', busUrl], unsigned.io)
      await expect.poll(() => gateway.killSwitch.rejectedEvents).toBe(1)
      expect(gateway.killSwitch.admit('a')).toEqual({ ok: true })
      const signed = await anIO({ WARDEN_BUS_KEY: key })
      await agentsCommand(['pause', 'a', '--reason', 'with key', '--bus', busUrl], signed.io)
      await expect.poll(() => gateway.killSwitch.admit('a').ok).toBe(false)
    } finally {
      await gateway.close()
    }
  })

  const redis = process.env['WARDEN_TEST_REDIS']
  if (redis === undefined)
    console.warn('agents.test.ts: WARDEN_TEST_REDIS is not set; the CLI→gateway test is skipped')
  it.skipIf(redis === undefined)('reaches a running gateway over Redis', async () => {
    const gatewayDir = await mkdtemp(join(tmpdir(), 'warden-gw-'))
    const gateway = await openLocalKillSwitch({ storeUrl: 'sqlite:w.db', busUrl: redis!, cwd: gatewayDir })
    try {
      const stopped = new Promise<void>((resolve) => gateway.killSwitch.onChange(() => resolve()))
      const { io } = await anIO()
      expect(await emergencyStopCommand(['--reason', 'from the CLI', '--bus', redis!], io)).toBe(0)
      await stopped
      expect(gateway.killSwitch.admit('any')).toMatchObject({ code: 'EMERGENCY_STOP' })
      // The gateway saved what it heard into its own store (a different file from the CLI's).
      await expect
        .poll(async () => (await gateway.store.killSwitch.load()).events.map((e) => e.reason))
        .toEqual(['from the CLI'])
    } finally {
      await gateway.close()
    }
  })
})
