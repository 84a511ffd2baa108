import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { fixtureStateDir, stdioFixtureConfig } from '../../../test/fixtures/mcp/fixture-config.js'
import { type HttpFixture, startHttpFixture } from '../../../test/fixtures/mcp/http-server.js'
import { upstreamSchema } from '../../config/schema.js'
import type { WardenError } from '../../errors/warden-error.js'
import { ToolNameMap } from '../tool-names.js'
import type { CallOptions, ToolResult } from '../tool-source.js'
import { failureCodeOf } from './call-failure.js'
import {
  type OpenUpstreamOptions,
  openUpstream,
  openUpstreams,
  type UpstreamSource,
} from './upstream-source.js'

const opened: UpstreamSource[] = []
const servers: HttpFixture[] = []
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()))
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

const logs: string[] = []
const options: OpenUpstreamOptions = {
  cwd: process.cwd(),
  env: { PATH: process.env['PATH'], DOCS_TOKEN: 'docs-token-1' },
  log: (line) => logs.push(line),
  timings: { restartInitialMs: 50, exitGraceMs: 200 },
}
const call = (extra: Partial<CallOptions> = {}): CallOptions => ({
  signal: new AbortController().signal,
  actionId: 'a1',
  agentId: 'agent',
  ...extra,
})
const textOf = (r: ToolResult) => (r.content[0]?.type === 'text' ? r.content[0].text : '')

describe('openUpstream over Streamable HTTP', () => {
  it('lists and calls tools, sending the configured headers with variable references resolved', async () => {
    const server = await startHttpFixture()
    servers.push(server)
    const config = upstreamSchema.parse({
      url: server.url,
      headers: { Authorization: `Bearer \${DOCS_TOKEN}` },
    })
    const docs = await openUpstream('docs', config, options)
    opened.push(docs)
    expect(docs.tools().map((t) => t.name)).toContain('docs/echo')
    expect(textOf(await docs.call('docs/echo', { text: 'over http' }, call()))).toBe('over http')
    expect(server.headers.some((h) => h.authorization === 'Bearer docs-token-1')).toBe(true)
  })

  it('passes progress through over HTTP', async () => {
    const server = await startHttpFixture()
    servers.push(server)
    const docs = await openUpstream('docs', upstreamSchema.parse({ url: server.url }), options)
    opened.push(docs)
    const progress: number[] = []
    const result = await docs.call(
      'docs/slow',
      { steps: 2, delayMs: 10 },
      call({ onProgress: (p) => progress.push(p.progress) }),
    )
    expect(textOf(result)).toBe('counted to 2')
    expect(progress).toEqual([1, 2])
  })

  it('answers UPSTREAM_UNAVAILABLE when the server has gone away', async () => {
    const server = await startHttpFixture()
    const docs = await openUpstream('docs', upstreamSchema.parse({ url: server.url }), options)
    opened.push(docs)
    await server.close()
    expect(failureCodeOf(await docs.call('docs/echo', { text: 'x' }, call()))).toBe('UPSTREAM_UNAVAILABLE')
  })
})

describe('openUpstreams', () => {
  it('starts the gateway’s other upstreams when one cannot start, and keeps retrying that one', async () => {
    const broken = upstreamSchema.parse({ command: '/nonexistent/mcp-server' })
    const sources = await openUpstreams({ good: stdioFixtureConfig(), broken }, options)
    opened.push(...sources)
    const [good, bad] = sources
    expect(good?.status().state).toBe('up')
    expect(good?.tools().length).toBeGreaterThan(0)
    expect(bad?.tools()).toEqual([])
    expect(failureCodeOf(await bad!.call('broken/x', {}, call()))).toBe('UPSTREAM_TOOL_UNKNOWN')
    await vi.waitFor(() =>
      expect(logs.filter((l) => l.startsWith('upstream broken is down')).length).toBeGreaterThan(1),
    )
    expect(bad?.status().state).not.toBe('up')
  })

  it('keeps other upstreams answering while one hangs (a hung server costs only its own calls)', async () => {
    const sources = await openUpstreams(
      { stuck: stdioFixtureConfig(), fine: stdioFixtureConfig() },
      { ...options, callTimeoutMs: 3_000 },
    )
    opened.push(...sources)
    const [stuck, fine] = sources
    const hung = stuck!.call('stuck/hang', {}, call())
    let hungSettled = false
    void hung.then(() => {
      hungSettled = true
    })
    for (let i = 0; i < 5; i++)
      expect(textOf(await fine!.call('fine/echo', { text: `${i}` }, call()))).toBe(`${i}`)
    // The other server answered every call while the hung one was still waiting for its timeout.
    expect(hungSettled).toBe(false)
    expect(failureCodeOf(await hung)).toBe('UPSTREAM_TIMEOUT')
  })

  it('still fails at once for a configuration error, before starting anything', async () => {
    const config = stdioFixtureConfig({ T: `\${NOPE_NOT_SET}` })
    const error = (await openUpstreams({ a: stdioFixtureConfig(), b: config }, options).catch(
      (e: unknown) => e,
    )) as WardenError
    expect(error.code).toBe('CONFIG_ENV_MISSING')
  })

  it('lets the gateway refuse two servers whose tools meet on the wire', async () => {
    const sources = await openUpstreams(
      { a__b: stdioFixtureConfig(), a: stdioFixtureConfig({ FIXTURE_EXTRA_TOOLS: 'b__echo' }) },
      options,
    )
    opened.push(...sources)
    const names = sources.flatMap((s) => s.tools().map((t) => t.name))
    expect(names).toContain('a__b/echo')
    expect(names).toContain('a/b__echo')
    expect(() => ToolNameMap.build(names)).toThrow(expect.objectContaining({ code: 'TOOL_NAME_COLLISION' }))
  })

  it('re-lists on notifications/tools/list_changed and tells its listeners', async () => {
    const dir = fixtureStateDir()
    const descriptionFile = join(dir, 'add.txt')
    const source = await openUpstream(
      'fx',
      stdioFixtureConfig({ FIXTURE_DESCRIPTION_FILE: descriptionFile }),
      options,
    )
    opened.push(source)
    const add = () => source.tools().find((t) => t.name === 'fx/add')?.description
    expect(add()).toBe('Adds two numbers.')
    const changed = vi.fn()
    source.onToolsChanged(changed)
    writeFileSync(descriptionFile, 'Adds two numbers, now with a twist.')
    await source.call('fx/notify_change', {}, call())
    await vi.waitFor(() => expect(changed).toHaveBeenCalled())
    expect(add()).toBe('Adds two numbers, now with a twist.')
  })
})
