import { request as httpRequest } from 'node:http'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHttpApp, type HttpApp } from '../../src/gateway/http/create-http-app.js'
import { type Listening, listen } from '../../src/gateway/http/listen.js'
import { FakeGateway, KEYS } from './fake-gateway.js'
import { ADMIN_TOKENS, bearer, TOKENS } from './tokens.js'

let gateway: FakeGateway
let http: HttpApp
let server: Listening

beforeAll(async () => {
  gateway = await FakeGateway.open()
  http = createHttpApp(gateway, { adminTokens: ADMIN_TOKENS })
  server = await listen(http.app, { host: '127.0.0.1', port: 0 })
})
afterAll(async () => {
  await http.close()
  await server.close()
  await gateway.close()
})

async function connect(key: string): Promise<Client> {
  const client = new Client({ name: 'e2e', version: '1.0.0' })
  const transport = new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), {
    requestInit: { headers: bearer(key) },
  })
  await client.connect(transport)
  return client
}

async function admin(path: string, body: unknown = { reason: 'e2e' }): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...bearer(TOKENS.admin) },
    body: JSON.stringify(body),
  })
}

function textOf(result: CallToolResult): string {
  const first = result.content[0]
  return first?.type === 'text' ? first.text : ''
}

describe('MCP over Streamable HTTP (SDK client, real server)', () => {
  it('lists only the agent’s tools, under wire names', async () => {
    const client = await connect(KEYS.reporter)
    const { tools } = await client.listTools()
    expect(tools.map((t) => t.name).sort()).toEqual(['files_read', 'github__search_issues', 'slow_task'])
    const ops = await connect(KEYS.ops)
    expect((await ops.listTools()).tools.map((t) => t.name)).toEqual(['email_send'])
    await client.close()
    await ops.close()
  })

  it('passes an allowed call to the gateway under its canonical name, with the key’s agent', async () => {
    const client = await connect(KEYS.reporter)
    const result = (await client.callTool({
      name: 'files_read',
      arguments: { path: '/data/public/a.txt' },
    })) as CallToolResult
    expect(result.isError).toBeFalsy()
    expect(textOf(result)).toContain('files.read ok')
    expect(gateway.calls.at(-1)).toMatchObject({ agentId: 'reporter', tool: 'files.read' })
    await client.close()
  })

  it('takes the agent from the key, never from what the client claims', async () => {
    const client = new Client({ name: 'ops', version: '1.0.0' })
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), {
        requestInit: { headers: { ...bearer(KEYS.reporter), 'x-agent-id': 'ops' } },
      }),
    )
    await client.callTool({
      name: 'files_read',
      arguments: { path: '/data/public/a.txt', agent: 'ops', agentId: 'ops' },
      _meta: { agentId: 'ops', agent: 'ops', sessionId: 'forged' },
    })
    const call = gateway.calls.at(-1)
    expect(call?.agentId).toBe('reporter')
    expect(call?.sessionId).not.toBe('forged')
    await client.close()
  })

  it('passes the stated context, idempotency key and dry-run flag from _meta, and nothing else', async () => {
    const client = await connect(KEYS.reporter)
    await client.callTool({
      name: 'files_read',
      arguments: { path: '/data/public/a.txt' },
      _meta: { context: { confidence: 0.4 }, idempotencyKey: 'order-42', dryRun: true },
    })
    expect(gateway.calls.at(-1)).toMatchObject({ context: { confidence: 0.4 }, id: 'order-42', dryRun: true })
    await client.callTool({
      name: 'files_read',
      arguments: { path: '/data/public/a.txt' },
      _meta: { context: 'not an object', dryRun: 'yes' },
    })
    const plain = gateway.calls.at(-1)
    expect(plain?.context).toBeUndefined()
    expect(plain?.dryRun).toBeUndefined()
    expect(plain?.id).toBeUndefined()
    await client.close()
  })

  it('returns a denial as a tool error with its code', async () => {
    const client = await connect(KEYS.reporter)
    const result = (await client.callTool({
      name: 'files_read',
      arguments: { path: '/etc/passwd' },
    })) as CallToolResult
    expect(result.isError).toBe(true)
    expect(textOf(result)).toMatch(/^FILES_PATH_DENIED: /)
    expect(result.structuredContent).toMatchObject({ decision: 'deny', code: 'FILES_PATH_DENIED' })
    await client.close()
  })

  it('answers a hidden tool exactly as a tool that does not exist', async () => {
    const client = await connect(KEYS.reporter)
    const hidden = (await client.callTool({ name: 'email_send', arguments: {} })) as CallToolResult
    const missing = (await client.callTool({ name: 'no_such_tool', arguments: {} })) as CallToolResult
    expect(hidden.isError).toBe(true)
    expect(missing.isError).toBe(true)
    const shape = (r: CallToolResult) => textOf(r).replace(/email_send|no_such_tool/, 'X')
    expect(shape(hidden)).toBe(shape(missing))
    await client.close()
  })

  it('stops the next call of a paused agent mid-session (AGENT_PAUSED), and lets it go on resume', async () => {
    const client = await connect(KEYS.reporter)
    const args = { name: 'files_read', arguments: { path: '/data/public/a.txt' } }
    expect(((await client.callTool(args)) as CallToolResult).isError).toBeFalsy()
    expect((await admin('/api/agents/reporter/pause', { reason: 'suspicious reads' })).status).toBe(200)
    const refused = (await client.callTool(args)) as CallToolResult
    expect(refused.isError).toBe(true)
    expect(refused.structuredContent).toMatchObject({ code: 'AGENT_PAUSED' })
    expect((await admin('/api/agents/reporter/resume', { reason: 'fine' })).status).toBe(200)
    expect(((await client.callTool(args)) as CallToolResult).isError).toBeFalsy()
    await client.close()
  })

  it('stops every agent on an emergency stop over the API, until cleared', async () => {
    const client = await connect(KEYS.ops)
    expect((await admin('/api/emergency-stop', { reason: 'breach drill' })).status).toBe(200)
    const refused = (await client.callTool({ name: 'email_send', arguments: {} })) as CallToolResult
    expect(refused.structuredContent).toMatchObject({ code: 'EMERGENCY_STOP' })
    expect((await admin('/api/emergency-stop/clear', { reason: 'over' })).status).toBe(200)
    expect(
      ((await client.callTool({ name: 'email_send', arguments: {} })) as CallToolResult).isError,
    ).toBeFalsy()
    await client.close()
  })

  it('passes progress notifications to the client and cancellation to the tool', async () => {
    const client = await connect(KEYS.reporter)
    const progress: number[] = []
    const abort = new AbortController()
    const call = client.callTool({ name: 'slow_task', arguments: {} }, undefined, {
      signal: abort.signal,
      onprogress: (p) => {
        progress.push(p.progress)
        if (p.progress === 3) abort.abort('enough')
      },
    })
    await expect(call).rejects.toThrow()
    await expect.poll(() => gateway.slowCancelled).toBe(true)
    expect(progress).toEqual([1, 2, 3])
    await client.close()
  })

  it('ends a plain call in flight (the direct path) when its session is closed, as the SDK path does', async () => {
    gateway.slowCancelled = false
    const client = await connect(KEYS.reporter)
    // No progress callback and no signal: a plain tools/call, answered without the SDK transport.
    const call = client.callTool({ name: 'slow_task', arguments: {} }).catch(() => undefined)
    await new Promise((r) => setTimeout(r, 100)) // the tool has started and waits for its signal
    expect(gateway.slowCancelled).toBe(false)
    await (client.transport as StreamableHTTPClientTransport).terminateSession() // DELETE /mcp
    await expect.poll(() => gateway.slowCancelled).toBe(true)
    await client.close()
    await call
  })

  it('refuses a wrong key with 401', async () => {
    await expect(connect('wdn_agent_guess')).rejects.toThrow(/UNAUTHENTICATED/)
  })

  it('refuses a DNS-rebound Host on the wire', async () => {
    const port = server.port
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          path: '/mcp',
          method: 'POST',
          headers: { host: `attacker.example:${port}`, ...bearer(KEYS.reporter) },
        },
        (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        },
      )
      req.on('error', reject)
      req.end('{}')
    })
    expect(status).toBe(403)
  })

  it('serves /healthz and /metrics, counting the calls by decision', async () => {
    expect(await (await fetch(`${server.url}/healthz`)).json()).toMatchObject({ status: 'ok' })
    const text = await (await fetch(`${server.url}/metrics`)).text()
    expect(text).toMatch(/warden_tool_calls_total\{transport="http",decision="allow"\} [1-9]/)
    expect(text).toMatch(/warden_tool_calls_total\{transport="http",decision="deny"\} [1-9]/)
  })

  it('refuses a terminated agent’s key from then on, and ends its open session', async () => {
    const client = await connect(KEYS.ops)
    expect((await admin('/api/agents/ops/terminate', { reason: 'compromised' })).status).toBe(200)
    await expect(client.listTools()).rejects.toThrow()
    await expect(connect(KEYS.ops)).rejects.toThrow(/AGENT_TERMINATED/)
  })
})
