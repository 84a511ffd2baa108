import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  fixtureEvents,
  fixtureStateDir,
  stdioFixtureConfig,
} from '../../../test/fixtures/mcp/fixture-config.js'
import { WardenError } from '../../errors/warden-error.js'
import type { CallOptions, ToolResult } from '../tool-source.js'
import { failureCodeOf } from './call-failure.js'
import { type OpenUpstreamOptions, openUpstream, type UpstreamSource } from './upstream-source.js'

const ref = (name: string) => `\${${name}}`
const opened: UpstreamSource[] = []
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()))
})

const logs: string[] = []
function options(extra: Partial<OpenUpstreamOptions> = {}): OpenUpstreamOptions {
  return {
    cwd: process.cwd(),
    env: { PATH: process.env['PATH'] },
    log: (line) => logs.push(line),
    timings: { restartInitialMs: 50, pingTimeoutMs: 2_000, exitGraceMs: 200 },
    ...extra,
  }
}

async function fixture(env: Record<string, string> = {}, extra: Partial<OpenUpstreamOptions> = {}) {
  const stateDir = fixtureStateDir()
  const source = await openUpstream(
    'fx',
    stdioFixtureConfig({ FIXTURE_STATE_DIR: stateDir, ...env }),
    options(extra),
  )
  opened.push(source)
  return { source, stateDir }
}

function call(signal = new AbortController().signal, extra: Partial<CallOptions> = {}): CallOptions {
  return { signal, actionId: 'a1', agentId: 'agent', ...extra }
}

function textOf(result: ToolResult): string {
  const first = result.content[0]
  return first?.type === 'text' ? first.text : ''
}

describe('openUpstream over stdio', () => {
  it('lists the server’s tools as <server>/<tool> and routes a call to the tool without the prefix', async () => {
    const { source } = await fixture()
    expect(source.name).toBe('fx')
    expect(source.tools().map((t) => t.name)).toContain('fx/echo')
    expect(source.tools().every((t) => t.name.startsWith('fx/'))).toBe(true)
    const result = await source.call('fx/echo', { text: 'hello' }, call())
    expect(result.isError).not.toBe(true)
    expect(textOf(result)).toBe('hello')
  })

  it('refuses a tool the server does not list, or one of another server, without calling it', async () => {
    const { source } = await fixture()
    expect(failureCodeOf(await source.call('fx/nope', {}, call()))).toBe('UPSTREAM_TOOL_UNKNOWN')
    expect(failureCodeOf(await source.call('other/echo', { text: 'x' }, call()))).toBe(
      'UPSTREAM_TOOL_UNKNOWN',
    )
    expect(failureCodeOf(await source.call('echo', { text: 'x' }, call()))).toBe('UPSTREAM_TOOL_UNKNOWN')
  })

  it('gives the child only PATH and its configured variables, never the gateway’s secrets', async () => {
    process.env['WARDEN_TEST_SECRET'] = 'gateway-secret'
    try {
      const { source } = await fixture(
        { FIXTURE_TOKEN: ref('UPSTREAM_TOKEN'), FIXTURE_MODE: ref('UNSET_MODE:-plain') },
        {
          env: { PATH: process.env['PATH'], UPSTREAM_TOKEN: 'tok-123', WARDEN_TEST_SECRET: 'gateway-secret' },
        },
      )
      const env = async (name: string) => textOf(await source.call('fx/env', { name }, call()))
      expect(await env('FIXTURE_TOKEN')).toBe('tok-123')
      expect(await env('FIXTURE_MODE')).toBe('plain')
      expect(await env('WARDEN_TEST_SECRET')).toBe('(unset)')
      expect(await env('UPSTREAM_TOKEN')).toBe('(unset)')
      expect(await env('HOME')).toBe('(unset)')
      expect(await env('PATH')).toBe(process.env['PATH'])
    } finally {
      delete process.env['WARDEN_TEST_SECRET']
    }
  })

  it('refuses to start when a variable the config refers to is not set (CONFIG_ENV_MISSING)', async () => {
    const error = await openUpstream(
      'fx',
      stdioFixtureConfig({ TOKEN: ref('NOT_SET_ANYWHERE') }),
      options(),
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(WardenError)
    expect((error as WardenError).code).toBe('CONFIG_ENV_MISSING')
    expect((error as WardenError).message).toContain('upstreams.fx.env.TOKEN')
  })

  it('reports a server that cannot start as UPSTREAM_UNAVAILABLE, quoting its stderr', async () => {
    const config = stdioFixtureConfig()
    const broken = { ...config, args: ['-e', 'console.error("no database configured"); process.exit(2)'] }
    const error = await openUpstream('bad', broken, options()).catch((e: unknown) => e)
    expect((error as WardenError).code).toBe('UPSTREAM_UNAVAILABLE')
    expect((error as WardenError).message).toContain('no database configured')
  })

  it('passes progress notifications through to the caller', async () => {
    const { source } = await fixture()
    const progress: Array<{ progress: number; total?: number }> = []
    const result = await source.call(
      'fx/slow',
      { steps: 3, delayMs: 20 },
      call(undefined, { onProgress: (p) => progress.push(p) }),
    )
    expect(textOf(result)).toBe('counted to 3')
    expect(progress.map((p) => p.progress)).toEqual([1, 2, 3])
    expect(progress[0]?.total).toBe(3)
  })

  it('forwards cancellation to the upstream (notifications/cancelled) and answers UPSTREAM_CANCELLED', async () => {
    const { source, stateDir } = await fixture()
    const controller = new AbortController()
    const result = await source.call(
      'fx/slow',
      { steps: 100, delayMs: 50 },
      call(controller.signal, { onProgress: () => controller.abort() }),
    )
    expect(failureCodeOf(result)).toBe('UPSTREAM_CANCELLED')
    await vi.waitFor(() => expect(fixtureEvents(stateDir).some((e) => e.startsWith('cancelled:'))).toBe(true))
    // The connection itself is fine: the next call works.
    expect(textOf(await source.call('fx/echo', { text: 'still here' }, call()))).toBe('still here')
  })

  it('times a slow call out (UPSTREAM_TIMEOUT), cancels it upstream, and keeps a server that still answers', async () => {
    const { source, stateDir } = await fixture({}, { callTimeoutMs: 1_000 })
    expect(failureCodeOf(await source.call('fx/stall', {}, call()))).toBe('UPSTREAM_TIMEOUT')
    await vi.waitFor(() => expect(fixtureEvents(stateDir).some((e) => e.startsWith('cancelled:'))).toBe(true))
    expect(textOf(await source.call('fx/echo', { text: 'ok' }, call()))).toBe('ok')
    expect(source.status()).toMatchObject({ state: 'up', restarts: 0 })
  })

  it('kills and restarts a hung server (a timeout, then no answer to a ping)', async () => {
    const { source, stateDir } = await fixture({}, { callTimeoutMs: 1_000 })
    const pid = Number(textOf(await source.call('fx/pid', {}, call())))
    expect(failureCodeOf(await source.call('fx/hang', {}, call()))).toBe('UPSTREAM_TIMEOUT')
    await vi.waitFor(() => expect(source.status()).toMatchObject({ state: 'up', restarts: 1 }), {
      timeout: 10_000,
    })
    expect(textOf(await source.call('fx/echo', { text: 'back' }, call()))).toBe('back')
    expect(Number(textOf(await source.call('fx/pid', {}, call())))).not.toBe(pid)
    expect(() => process.kill(pid, 0)).toThrow()
    expect(fixtureEvents(stateDir).filter((e) => e === 'started')).toHaveLength(2)
  })

  it('turns a crash into UPSTREAM_UNAVAILABLE results, restarts the server with backoff, and works again', async () => {
    const { source, stateDir } = await fixture({}, { timings: { restartInitialMs: 400, exitGraceMs: 200 } })
    const crashed = await source.call('fx/crash', {}, call())
    expect(crashed.isError).toBe(true)
    expect(failureCodeOf(crashed)).toBe('UPSTREAM_UNAVAILABLE')
    // While it is down, calls fail at once instead of waiting; the last good tool list stays.
    const down = await source.call('fx/echo', { text: 'x' }, call())
    expect(failureCodeOf(down)).toBe('UPSTREAM_UNAVAILABLE')
    expect(source.status().state).toBe('down')
    expect(source.status().lastError).toContain('exited')
    expect(source.tools().map((t) => t.name)).toContain('fx/echo')
    await vi.waitFor(() => expect(source.status()).toMatchObject({ state: 'up', restarts: 1 }), {
      timeout: 10_000,
    })
    expect(textOf(await source.call('fx/echo', { text: 'again' }, call()))).toBe('again')
    expect(fixtureEvents(stateDir).filter((e) => e === 'started')).toHaveLength(2)
    expect(logs.some((l) => l.includes('upstream fx is down'))).toBe(true)
  })

  it('drops the connection of a server that floods a message past the size cap, and restarts it', async () => {
    const { source } = await fixture(
      {},
      { timings: { restartInitialMs: 50, exitGraceMs: 200, maxMessageBytes: 65_536 } },
    )
    expect(textOf(await source.call('fx/big', { size: 1000 }, call()))).toHaveLength(1000)
    expect(failureCodeOf(await source.call('fx/big', { size: 200_000 }, call()))).toBe('UPSTREAM_UNAVAILABLE')
    await vi.waitFor(() => expect(source.status()).toMatchObject({ state: 'up', restarts: 1 }), {
      timeout: 10_000,
    })
  })

  it('ignores a line of stdout noise that is not JSON-RPC and keeps the connection', async () => {
    const { source } = await fixture()
    expect(textOf(await source.call('fx/garbage', {}, call()))).toBe('answered')
    expect(textOf(await source.call('fx/echo', { text: 'fine' }, call()))).toBe('fine')
    expect(source.status()).toMatchObject({ state: 'up', restarts: 0 })
  })

  it('drops a tool name the server lists twice (which definition a call reaches is unknowable)', async () => {
    const { source } = await fixture({ FIXTURE_EXTRA_TOOLS: 'echo' })
    expect(source.tools().map((t) => t.name)).not.toContain('fx/echo')
    expect(failureCodeOf(await source.call('fx/echo', { text: 'x' }, call()))).toBe('UPSTREAM_TOOL_UNKNOWN')
    expect(logs.some((l) => l.includes('"echo" dropped'))).toBe(true)
  })

  it('does not restart a server after close()', async () => {
    const { source, stateDir } = await fixture()
    await source.close()
    expect(source.status().state).toBe('closed')
    expect(failureCodeOf(await source.call('fx/echo', { text: 'x' }, call()))).toBe('UPSTREAM_UNAVAILABLE')
    await new Promise((r) => setTimeout(r, 300))
    expect(fixtureEvents(stateDir).filter((e) => e === 'started')).toHaveLength(1)
  })
})
