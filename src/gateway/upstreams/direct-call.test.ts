import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { Agent } from 'undici'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { type HttpFixture, startHttpFixture } from '../../../test/fixtures/mcp/http-server.js'
import { upstreamSchema } from '../../config/schema.js'
import type { CallOptions, ToolResult } from '../tool-source.js'
import { directToolCall } from './direct-call.js'
import { type OpenUpstreamOptions, openUpstream, type UpstreamSource } from './upstream-source.js'

const opened: UpstreamSource[] = []
const servers: HttpFixture[] = []
afterEach(async () => {
  vi.restoreAllMocks()
  await Promise.all(opened.splice(0).map((s) => s.close()))
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

const options = (directCalls: boolean, callTimeoutMs = 5_000): OpenUpstreamOptions => ({
  cwd: process.cwd(),
  env: {},
  log: () => undefined,
  callTimeoutMs,
  timings: { restartInitialMs: 5_000, pingTimeoutMs: 500 },
  directCalls,
})
const call = (extra: Partial<CallOptions> = {}): CallOptions => ({
  signal: new AbortController().signal,
  actionId: 'a1',
  agentId: 'agent',
  ...extra,
})

/** The same fixture server reached by the direct path and by the SDK client. */
async function bothPaths(json: boolean, callTimeoutMs?: number) {
  const server = await startHttpFixture({ json })
  servers.push(server)
  const config = upstreamSchema.parse({ url: server.url })
  const direct = await openUpstream('docs', config, options(true, callTimeoutMs))
  const sdk = await openUpstream('docs', config, options(false, callTimeoutMs))
  opened.push(direct, sdk)
  return { server, direct, sdk }
}

const methodsOf = (server: HttpFixture) =>
  server.messages.map((m) => (m as { method?: string }).method ?? '(response)')

describe.each([
  ['event-stream answers', false],
  ['JSON answers', true],
])('direct upstream calls (%s)', (_, json) => {
  it('return what client.callTool returns: results, large results, JSON-RPC errors', async () => {
    const { direct, sdk } = await bothPaths(json)
    const cases: [string, Record<string, unknown>][] = [
      ['docs/echo', { text: 'over http' }],
      ['docs/add', { a: 2, b: 3 }],
      ['docs/big', { size: 200_000 }],
      ['docs/env', { name: 'NOT_SET_ANYWHERE' }],
      ['docs/echo', {}],
      ['docs/fail', {}],
    ]
    for (const [tool, args] of cases) {
      const a = await direct.call(tool, args, call())
      const b = await sdk.call(tool, args, call())
      expect(a).toEqual(b)
    }
    const failed = await direct.call('docs/fail', {}, call())
    expect(failed.isError).toBe(true)
    expect(JSON.stringify(failed.content)).toContain(
      'UPSTREAM_ERROR: upstream docs: MCP error -32603: the fixture failed on purpose',
    )
  })

  it('run many calls at once on one connection without a listener-leak warning', async () => {
    const { direct } = await bothPaths(json)
    const warnings: string[] = []
    const onWarning = (warning: Error) => warnings.push(warning.name)
    process.on('warning', onWarning)
    try {
      const results = await Promise.all(
        Array.from({ length: 32 }, (_, i) => direct.call('docs/echo', { text: `t${i}` }, call())),
      )
      expect(results.map((r) => r.isError ?? false)).toEqual(Array(32).fill(false))
      await new Promise((r) => setImmediate(r)) // warnings are emitted on the next tick
    } finally {
      process.off('warning', onWarning)
    }
    expect(warnings).not.toContain('MaxListenersExceededWarning')
  })

  it('send the negotiated protocol version, as the SDK transport does', async () => {
    const { server, direct } = await bothPaths(json)
    await direct.call('docs/echo', { text: 'x' }, call())
    const last = server.headers[server.headers.length - 1]
    expect(last?.['mcp-protocol-version']).toMatch(/^\d{4}-\d{2}-\d{2}$/)
  })

  it('time out as client.callTool does, telling the server the call is cancelled', async () => {
    const { server, direct, sdk } = await bothPaths(json, 150)
    const a = await direct.call('docs/stall', {}, call())
    const b = await sdk.call('docs/stall', {}, call())
    expect(a).toEqual(b)
    expect(JSON.stringify(a.content)).toContain('UPSTREAM_TIMEOUT')
    const cancelledIds = () =>
      (
        server.messages.filter((m) => (m as { method?: string }).method === 'notifications/cancelled') as {
          params: { requestId: unknown }
        }[]
      ).map((m) => typeof m.params.requestId)
    await vi.waitFor(() => expect(cancelledIds().sort()).toEqual(['number', 'string']))
  })

  it('end at once, as client.callTool does, when the connection is closed under them', async () => {
    const { direct, sdk } = await bothPaths(json)
    const closedUnder = async (source: UpstreamSource): Promise<ToolResult> => {
      const pending = source.call('docs/stall', {}, call()) // would wait for the 5 s call timeout
      setTimeout(() => void source.close(), 50)
      return pending
    }
    const a = await closedUnder(direct)
    const b = await closedUnder(sdk)
    expect(a).toEqual(b)
    expect(JSON.stringify(a.content)).toContain('UPSTREAM_UNAVAILABLE')
    expect(JSON.stringify(a.content)).toContain('Connection closed')
  })

  it('pass the caller’s cancellation on to the server', async () => {
    const { server, direct, sdk } = await bothPaths(json)
    const cancelledCall = async (source: UpstreamSource): Promise<ToolResult> => {
      const controller = new AbortController()
      setTimeout(() => controller.abort(new Error('the agent gave up')), 50)
      return source.call('docs/stall', {}, call({ signal: controller.signal }))
    }
    const a = await cancelledCall(direct)
    const b = await cancelledCall(sdk)
    expect(a).toEqual(b)
    expect(JSON.stringify(a.content)).toContain('UPSTREAM_CANCELLED')
    await vi.waitFor(() =>
      expect(methodsOf(server).filter((m) => m === 'notifications/cancelled')).toHaveLength(2),
    )
  })
})

describe('direct upstream calls', () => {
  it('hand other messages on the call’s stream to the SDK client (tools/list_changed → the tools are listed again)', async () => {
    const { server, direct } = await bothPaths(false)
    const lists = () => methodsOf(server).filter((m) => m === 'tools/list').length
    const before = lists()
    const result = await direct.call('docs/notify_change', {}, call())
    expect(JSON.stringify(result.content)).toContain('sent')
    await vi.waitFor(() => expect(lists()).toBe(before + 1))
  })

  it('leave client.callTool out of a plain call and use it for progress, or when turned off', async () => {
    const { direct, sdk } = await bothPaths(false)
    const callTool = vi.spyOn(Client.prototype, 'callTool')
    await direct.call('docs/echo', { text: 'x' }, call())
    expect(callTool).not.toHaveBeenCalled()
    const progress: number[] = []
    const counted = await direct.call(
      'docs/slow',
      { steps: 2, delayMs: 5 },
      call({ onProgress: (p) => progress.push(p.progress) }),
    )
    expect(JSON.stringify(counted.content)).toContain('counted to 2')
    expect(progress).toEqual([1, 2])
    expect(callTool).toHaveBeenCalledTimes(1)
    await sdk.call('docs/echo', { text: 'x' }, call())
    expect(callTool).toHaveBeenCalledTimes(2)
  })

  it('reuse the connection for the next call', async () => {
    const { server, direct } = await bothPaths(false)
    await direct.call('docs/echo', { text: 'first' }, call())
    const before = server.connections()
    for (let i = 0; i < 5; i++) await direct.call('docs/echo', { text: `again ${i}` }, call())
    expect(server.connections()).toBe(before)
  })

  it('read a stream that ends after the answer to its end, keeping the connection for the next call', async () => {
    // A server that sends the answer, then ends the stream 100 ms later.
    let connections = 0
    const raw = createServer((req, res) => {
      let body = ''
      req.on('data', (c) => {
        body += c
      })
      req.on('end', () => {
        const { id } = JSON.parse(body) as { id: string }
        res.writeHead(200, { 'content-type': 'text/event-stream' })
        res.write(
          `event: message\ndata: ${JSON.stringify({ jsonrpc: '2.0', id, result: { content: [] } })}\n\n`,
        )
        setTimeout(() => res.end(), 100)
      })
    })
    raw.on('connection', () => {
      connections++
    })
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve))
    const dispatcher = new Agent({ connections: 4 })
    try {
      const target = {
        dispatcher,
        url: new URL(`http://127.0.0.1:${(raw.address() as AddressInfo).port}/mcp`),
        headers: {},
        closed: new AbortController().signal,
        deliver: () => undefined,
        cancel: () => undefined,
      }
      for (let i = 0; i < 3; i++) {
        const result = await directToolCall(
          target,
          { name: 'x', arguments: {} },
          { signal: new AbortController().signal, timeoutMs: 5_000 },
        )
        expect(result.content).toEqual([])
        // The next call only once the stream has ended and the connection is back in the pool, free.
        await vi.waitFor(() =>
          expect(Object.values(dispatcher.stats).map((p) => (p as { free?: number }).free)).toEqual([1]),
        )
      }
      expect(connections).toBe(1)
    } finally {
      await dispatcher.close()
      raw.closeAllConnections()
      await new Promise((r) => raw.close(r))
    }
  })

  it('leave tools with an output schema to client.callTool, which checks the structured content', async () => {
    const { direct } = await bothPaths(false)
    const callTool = vi.spyOn(Client.prototype, 'callTool')
    const good = await direct.call('docs/count', { n: 3 }, call())
    expect(good.structuredContent).toEqual({ n: 3 })
    const bad = await direct.call('docs/count', { n: 3, bad: true }, call())
    expect(bad.isError).toBe(true)
    expect(JSON.stringify(bad.content)).toContain("does not match the tool's output schema")
    expect(callTool).toHaveBeenCalledTimes(2)
  })

  it('fail as UPSTREAM_UNAVAILABLE, like the SDK path, when the server is gone', async () => {
    const { server, direct, sdk } = await bothPaths(true)
    await server.close()
    const a = await direct.call('docs/echo', { text: 'x' }, call())
    const b = await sdk.call('docs/echo', { text: 'x' }, call())
    expect(JSON.stringify(a.content)).toContain('UPSTREAM_UNAVAILABLE')
    expect(JSON.stringify(b.content)).toContain('UPSTREAM_UNAVAILABLE')
    expect(direct.status().state).toBe('down')
  })
})
