import { describe, expect, it } from 'vitest'
import { KEYS } from '../../../test/gateway/fake-gateway.js'
import { fakeHttpPerTest } from '../../../test/gateway/fake-http.js'
import { ADMIN_TOKENS, bearer, TOKENS } from '../../../test/gateway/tokens.js'
import { createHttpApp } from './create-http-app.js'

const fake = fakeHttpPerTest()

const get = (path: string, token?: string) =>
  fake.http.app.request(path, { headers: token === undefined ? {} : bearer(token) })

async function errorCode(res: Response): Promise<string> {
  return ((await res.json()) as { error: { code: string } }).error.code
}

describe('createHttpApp: DNS rebinding', () => {
  it('refuses /api and /mcp under a foreign Host with 403 HOST_NOT_ALLOWED', async () => {
    for (const path of ['/api/agents', '/mcp']) {
      const res = await fake.http.app.request(`http://evil.example:8787${path}`, {
        headers: bearer(TOKENS.admin),
      })
      expect(res.status).toBe(403)
      expect(await errorCode(res)).toBe('HOST_NOT_ALLOWED')
    }
  })

  it('refuses a foreign browser Origin with 403 ORIGIN_NOT_ALLOWED', async () => {
    const res = await fake.http.app.request('http://localhost:8787/api/agents', {
      headers: { ...bearer(TOKENS.admin), origin: 'https://evil.example' },
    })
    expect(res.status).toBe(403)
    expect(await errorCode(res)).toBe('ORIGIN_NOT_ALLOWED')
  })

  it('serves a page of an allowed host and programs that send no Origin', async () => {
    const page = await fake.http.app.request('http://127.0.0.1:8787/api/agents', {
      headers: { ...bearer(TOKENS.admin), origin: 'http://127.0.0.1:8787' },
    })
    expect(page.status).toBe(200)
    expect(
      (await fake.http.app.request('http://localhost/api/agents', { headers: bearer(TOKENS.admin) })).status,
    ).toBe(200)
  })
})

describe('createHttpApp: /mcp authentication', () => {
  const init = (key?: string) =>
    fake.http.app.request('http://localhost/mcp', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        ...(key === undefined ? {} : bearer(key)),
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } },
      }),
    })

  it('answers a missing or wrong agent key, and an operator token, with 401 UNAUTHENTICATED', async () => {
    for (const key of [undefined, 'wdn_agent_wrong', TOKENS.admin]) {
      const res = await init(key)
      expect(res.status).toBe(401)
      expect(await errorCode(res)).toBe('UNAUTHENTICATED')
    }
    expect(fake.http.sessions.size).toBe(0)
  })

  it('opens a session for a valid key, and refuses the key once the agent is terminated', async () => {
    const ok = await init(KEYS.reporter)
    expect(ok.status).toBe(200)
    expect(ok.headers.get('mcp-session-id')).toMatch(/^[0-9a-f-]{36}$/)
    expect(fake.http.sessions.size).toBe(1)
    await fake.gateway.killSwitch.terminate('reporter', 'compromised')
    await new Promise((r) => setTimeout(r, 10))
    expect(fake.http.sessions.size).toBe(0)
    const res = await init(KEYS.reporter)
    expect(res.status).toBe(401)
    expect(await errorCode(res)).toBe('AGENT_TERMINATED')
  })

  it('does not let one agent use another agent’s session id', async () => {
    const opened = await init(KEYS.reporter)
    const sessionId = opened.headers.get('mcp-session-id') as string
    const res = await fake.http.app.request('http://localhost/mcp', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-session-id': sessionId,
        'mcp-protocol-version': '2025-06-18',
        ...bearer(KEYS.ops),
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }),
    })
    expect(res.status).toBe(404)
    expect(await errorCode(res)).toBe('MCP_SESSION_NOT_FOUND')
  })
})

describe('createHttpApp: /healthz and /metrics', () => {
  it('reports health, and the emergency stop without calling it ill health', async () => {
    expect(await (await get('/healthz')).json()).toEqual({
      status: 'ok',
      killSwitch: 'ok',
      emergencyStop: false,
    })
    await fake.gateway.killSwitch.emergencyStop('drill')
    const res = await get('/healthz')
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ emergencyStop: true })
  })

  it('exposes Prometheus text with the kill-switch gauges', async () => {
    await fake.gateway.killSwitch.pause('reporter', 'x')
    fake.http.metrics.observe('http', 'deny', 0.002)
    const res = await get('/metrics')
    expect(res.headers.get('content-type')).toContain('text/plain; version=0.0.4')
    const text = await res.text()
    expect(text).toContain('warden_tool_calls_total{transport="http",decision="deny"} 1')
    expect(text).toContain('warden_tool_call_duration_seconds_bucket{le="0.005"} 1')
    expect(text).toContain('warden_agents{state="paused"} 1')
    expect(text).toContain('warden_emergency_stop 0')
    expect(text).toContain('warden_kill_switch_available 1')
    expect(text).toContain('warden_audit_records_lost_total 0')
  })

  it('reports upstream health when the gateway provides it', async () => {
    const withUpstreams = createHttpApp(fake.gateway, {
      adminTokens: ADMIN_TOKENS,
      upstreamHealth: () => [
        { name: 'github', state: 'up', restarts: 0 },
        { name: 'docs', state: 'down', restarts: 3 },
      ],
    })
    const text = await (await withUpstreams.app.request('/metrics')).text()
    expect(text).toContain('warden_upstream_up{upstream="github"} 1')
    expect(text).toContain('warden_upstream_up{upstream="docs"} 0')
    expect(text).toContain('warden_upstream_restarts_total{upstream="docs"} 3')
    await withUpstreams.close()
  })
})
