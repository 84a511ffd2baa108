import { describe, expect, it } from 'vitest'
import { KEYS } from '../../../test/gateway/fake-gateway.js'
import { fakeHttpPerTest } from '../../../test/gateway/fake-http.js'
import { ADMIN_TOKENS, bearer } from '../../../test/gateway/tokens.js'
import { createHttpApp, type HttpApp } from '../http/create-http-app.js'

const fake = fakeHttpPerTest()

const HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }
const INIT = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } },
}

async function open(app: HttpApp, key: string = KEYS.reporter): Promise<Response> {
  return app.app.request('http://localhost/mcp', {
    method: 'POST',
    headers: { ...HEADERS, ...bearer(key) },
    body: JSON.stringify(INIT),
  })
}

function session(id: string, init: RequestInit = {}, key: string = KEYS.reporter): Promise<Response> {
  return Promise.resolve(
    fake.http.app.request('http://localhost/mcp', {
      ...init,
      headers: { ...HEADERS, 'mcp-session-id': id, 'mcp-protocol-version': '2025-06-18', ...bearer(key) },
    }),
  )
}

async function code(res: Response): Promise<string> {
  return ((await res.json()) as { error: { code: string } }).error.code
}

describe('McpHttpSessions', () => {
  it('keeps no session for a request that is not an initialize', async () => {
    const res = await fake.http.app.request('http://localhost/mcp', {
      method: 'POST',
      headers: { ...HEADERS, ...bearer(KEYS.reporter) },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    })
    expect(res.status).toBe(400)
    expect(fake.http.sessions.size).toBe(0)
  })

  it('asks for a session id on GET and DELETE without one', async () => {
    for (const method of ['GET', 'DELETE']) {
      const res = await fake.http.app.request('http://localhost/mcp', {
        method,
        headers: { ...HEADERS, ...bearer(KEYS.reporter) },
      })
      expect(res.status, method).toBe(400)
      expect(await code(res)).toBe('MCP_SESSION_REQUIRED')
    }
  })

  it('ends a session on DELETE, after which its id is unknown', async () => {
    const id = (await open(fake.http)).headers.get('mcp-session-id') as string
    expect((await session(id, { method: 'DELETE' })).status).toBe(200)
    expect(fake.http.sessions.size).toBe(0)
    const after = await session(id, {
      method: 'POST',
      body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }),
    })
    expect(after.status).toBe(404)
    expect(await code(after)).toBe('MCP_SESSION_NOT_FOUND')
  })

  it('does not let another agent end a session it does not own', async () => {
    const id = (await open(fake.http)).headers.get('mcp-session-id') as string
    expect((await session(id, { method: 'DELETE' }, KEYS.ops)).status).toBe(404)
    expect(fake.http.sessions.size).toBe(1)
  })

  it('refuses a body over the MCP limit with 413 before parsing it', async () => {
    const small = createHttpApp(fake.gateway, { adminTokens: ADMIN_TOKENS, maxMcpBodyBytes: 1_024 })
    const res = await small.app.request('http://localhost/mcp', {
      method: 'POST',
      headers: { ...HEADERS, ...bearer(KEYS.reporter) },
      body: JSON.stringify({ ...INIT, padding: 'x'.repeat(4_096) }),
    })
    expect(res.status).toBe(413)
    expect(small.sessions.size).toBe(0)
    await small.close()
  })

  it('refuses sessions past the maximum with 503 MCP_SESSIONS_FULL, and makes room by closing idle ones', async () => {
    const one = createHttpApp(fake.gateway, { adminTokens: ADMIN_TOKENS, maxMcpSessions: 1 })
    expect((await open(one)).status).toBe(200)
    const full = await open(one)
    expect(full.status).toBe(503)
    expect(await code(full)).toBe('MCP_SESSIONS_FULL')
    await one.close()
    const idle = createHttpApp(fake.gateway, {
      adminTokens: ADMIN_TOKENS,
      maxMcpSessions: 1,
      mcpSessionIdleMs: 1,
    })
    expect((await open(idle)).status).toBe(200)
    await new Promise((r) => setTimeout(r, 10))
    expect((await open(idle)).status).toBe(200)
    expect(idle.sessions.size).toBe(1)
    await idle.close()
  })

  it('rejects limits that are not positive integers at construction (GATEWAY_OPTIONS_INVALID)', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      expect(() => createHttpApp(fake.gateway, { adminTokens: [], maxMcpSessions: bad })).toThrow(
        expect.objectContaining({ code: 'GATEWAY_OPTIONS_INVALID' }),
      )
    }
  })
})
