import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FakeGateway, KEYS } from '../../../test/gateway/fake-gateway.js'
import { ADMIN_TOKENS, bearer, TOKENS } from '../../../test/gateway/tokens.js'
import { createHttpApp, type HttpApp } from './create-http-app.js'

let gateway: FakeGateway
let http: HttpApp

beforeEach(async () => {
  gateway = await FakeGateway.open()
  http = createHttpApp(gateway, { adminTokens: ADMIN_TOKENS })
})
afterEach(async () => {
  await http.close()
  await gateway.close()
})

const post = (path: string, token: string | undefined, body: unknown = { reason: 'test' }) =>
  http.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token === undefined ? {} : bearer(token)) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
const get = (path: string, token?: string) =>
  http.app.request(path, { headers: token === undefined ? {} : bearer(token) })

async function errorCode(res: Response): Promise<string> {
  return ((await res.json()) as { error: { code: string } }).error.code
}

describe('createHttpApp: role checks', () => {
  // Every admin route with the role it needs; admin may use them all.
  const ROUTES: ReadonlyArray<{
    method: 'GET' | 'POST'
    path: string
    need: 'admin' | 'approver' | 'auditor'
    body?: unknown
  }> = [
    { method: 'GET', path: '/api/agents', need: 'admin' },
    { method: 'POST', path: '/api/agents/reporter/pause', need: 'admin' },
    { method: 'POST', path: '/api/agents/reporter/resume', need: 'admin' },
    { method: 'POST', path: '/api/agents/someone/terminate', need: 'admin' },
    { method: 'POST', path: '/api/emergency-stop', need: 'admin' },
    { method: 'POST', path: '/api/emergency-stop/clear', need: 'admin' },
    { method: 'GET', path: '/api/approvals?status=pending', need: 'approver' },
    {
      method: 'POST',
      path: '/api/approvals/abc',
      need: 'approver',
      body: { decision: 'approve', reason: 'ok' },
    },
    { method: 'GET', path: '/api/audit', need: 'auditor' },
    { method: 'GET', path: '/api/audit/verify', need: 'auditor' },
    { method: 'GET', path: '/api/incidents', need: 'auditor' },
  ]
  const send = (r: (typeof ROUTES)[number], token?: string) =>
    r.method === 'GET' ? get(r.path, token) : post(r.path, token, r.body ?? { reason: 'role test' })

  for (const route of ROUTES) {
    it(`${route.method} ${route.path}: 401 without or with a bad token, 403 for other roles, served for ${route.need} and admin`, async () => {
      const none = await send(route)
      expect(none.status).toBe(401)
      expect(await errorCode(none)).toBe('UNAUTHENTICATED')
      expect((await send(route, 'wdn_admin_not-a-token')).status).toBe(401)
      // An agent key is not an operator token.
      expect((await send(route, KEYS.reporter)).status).toBe(401)
      for (const role of ['approver', 'auditor'] as const) {
        const res = await send(route, TOKENS[role])
        if (role === route.need) expect(res.status).not.toBe(403)
        else {
          expect(res.status).toBe(403)
          expect(await errorCode(res)).toBe('ROLE_FORBIDDEN')
        }
      }
      const own = await send(route, TOKENS[route.need])
      expect([200, 404]).toContain(own.status) // 404: the approval id does not exist
      const admin = await send(route, TOKENS.admin)
      expect(admin.status).toBe(own.status)
    })
  }
})

describe('createHttpApp: kill switch over the admin API', () => {
  it('pauses, lists and resumes an agent, naming the operator as actor', async () => {
    const paused = await post('/api/agents/reporter/pause', TOKENS.admin, { reason: 'reads too much' })
    expect(paused.status).toBe(200)
    expect(await paused.json()).toMatchObject({ agentId: 'reporter', state: 'paused', actor: 'api:admin-op' })
    expect(gateway.killSwitch.admit('reporter')).toMatchObject({ ok: false, code: 'AGENT_PAUSED' })
    const list = (await (await get('/api/agents', TOKENS.admin)).json()) as {
      agents: Array<{ agentId: string; state: string; configured: boolean }>
    }
    expect(list.agents.find((a) => a.agentId === 'reporter')).toMatchObject({
      state: 'paused',
      configured: true,
    })
    expect(list.agents.find((a) => a.agentId === 'ops')).toMatchObject({ state: 'active', configured: true })
    await post('/api/agents/reporter/resume', TOKENS.admin, { reason: 'understood' })
    expect(gateway.killSwitch.admit('reporter').ok).toBe(true)
  })

  it('refuses to pause a terminated agent with 409 KILL_SWITCH_TERMINATED_FINAL', async () => {
    expect((await post('/api/agents/ops/terminate', TOKENS.admin)).status).toBe(200)
    const res = await post('/api/agents/ops/pause', TOKENS.admin)
    expect(res.status).toBe(409)
    expect(await errorCode(res)).toBe('KILL_SWITCH_TERMINATED_FINAL')
  })

  it('sets and clears the emergency stop', async () => {
    const res = await post('/api/emergency-stop', TOKENS.admin, { reason: 'breach' })
    expect(await res.json()).toMatchObject({ emergencyStop: { active: true, reason: 'breach' } })
    expect(gateway.killSwitch.admit('never-seen')).toMatchObject({ ok: false, code: 'EMERGENCY_STOP' })
    await post('/api/emergency-stop/clear', TOKENS.admin, { reason: 'contained' })
    expect(gateway.killSwitch.admit('never-seen').ok).toBe(true)
  })

  it('lists the incidents the operator actions left', async () => {
    await post('/api/agents/reporter/pause', TOKENS.admin, { reason: 'look' })
    const body = (await (await get('/api/incidents?agent=reporter', TOKENS.auditor)).json()) as {
      incidents: Array<{ kind: string; actor: string }>
    }
    expect(body.incidents).toEqual([expect.objectContaining({ kind: 'paused', actor: 'api:admin-op' })])
  })
})

describe('createHttpApp: bad requests are coded, never half-applied', () => {
  it('answers bad JSON with 400 REQUEST_BAD_JSON and changes nothing', async () => {
    const res = await post('/api/agents/reporter/pause', TOKENS.admin, '{"reason": ')
    expect(res.status).toBe(400)
    expect(await errorCode(res)).toBe('REQUEST_BAD_JSON')
    expect(gateway.killSwitch.status('reporter').state).toBe('active')
  })

  it('answers a JSON array, a missing reason and a blank reason with 400', async () => {
    expect(await errorCode(await post('/api/emergency-stop', TOKENS.admin, '[1]'))).toBe('REQUEST_BAD_JSON')
    expect(await errorCode(await post('/api/emergency-stop', TOKENS.admin, {}))).toBe('REQUEST_INVALID')
    expect(await errorCode(await post('/api/emergency-stop', TOKENS.admin, { reason: '  ' }))).toBe(
      'REQUEST_INVALID',
    )
    expect(gateway.killSwitch.emergency().active).toBe(false)
  })

  it('refuses a body over the limit with 413 REQUEST_TOO_LARGE', async () => {
    const res = await post('/api/emergency-stop', TOKENS.admin, { reason: 'x'.repeat(70_000) })
    expect(res.status).toBe(413)
    expect(await errorCode(res)).toBe('REQUEST_TOO_LARGE')
    expect(gateway.killSwitch.emergency().active).toBe(false)
  })

  it('answers unknown routes and methods with 404 ROUTE_NOT_FOUND', async () => {
    for (const res of [
      await get('/api/nothing', TOKENS.admin),
      await get('/nope'),
      await post('/api/agents', TOKENS.admin),
    ]) {
      expect(res.status).toBe(404)
      expect(await errorCode(res)).toBe('ROUTE_NOT_FOUND')
    }
  })

  it('rejects malformed audit filters instead of ignoring them', async () => {
    for (const q of ['since=yesterday', 'decision=maybe', 'limit=-1', 'agnt=reporter']) {
      const res = await get(`/api/audit?${q}`, TOKENS.auditor)
      expect(res.status, q).toBe(400)
      expect(await errorCode(res)).toBe('REQUEST_INVALID')
    }
  })

  it('answers an approval decision for an unknown id with 404 APPROVAL_NOT_FOUND, and a bad decision with 400', async () => {
    expect(
      await errorCode(await post('/api/approvals/x', TOKENS.approver, { decision: 'approve', reason: 'ok' })),
    ).toBe('APPROVAL_NOT_FOUND')
    expect(
      await errorCode(await post('/api/approvals/x', TOKENS.approver, { decision: 'yes', reason: 'ok' })),
    ).toBe('REQUEST_INVALID')
    expect(await (await get('/api/approvals?status=pending', TOKENS.approver)).json()).toEqual({
      approvals: [],
    })
  })
})

describe('createHttpApp: DNS rebinding', () => {
  it('refuses /api and /mcp under a foreign Host with 403 HOST_NOT_ALLOWED', async () => {
    for (const path of ['/api/agents', '/mcp']) {
      const res = await http.app.request(`http://evil.example:8787${path}`, { headers: bearer(TOKENS.admin) })
      expect(res.status).toBe(403)
      expect(await errorCode(res)).toBe('HOST_NOT_ALLOWED')
    }
  })

  it('refuses a foreign browser Origin with 403 ORIGIN_NOT_ALLOWED', async () => {
    const res = await http.app.request('http://localhost:8787/api/agents', {
      headers: { ...bearer(TOKENS.admin), origin: 'https://evil.example' },
    })
    expect(res.status).toBe(403)
    expect(await errorCode(res)).toBe('ORIGIN_NOT_ALLOWED')
  })

  it('serves a page of an allowed host and programs that send no Origin', async () => {
    const page = await http.app.request('http://127.0.0.1:8787/api/agents', {
      headers: { ...bearer(TOKENS.admin), origin: 'http://127.0.0.1:8787' },
    })
    expect(page.status).toBe(200)
    expect(
      (await http.app.request('http://localhost/api/agents', { headers: bearer(TOKENS.admin) })).status,
    ).toBe(200)
  })
})

describe('createHttpApp: /mcp authentication', () => {
  const init = (key?: string) =>
    http.app.request('http://localhost/mcp', {
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
    expect(http.sessions.size).toBe(0)
  })

  it('opens a session for a valid key, and refuses the key once the agent is terminated', async () => {
    const ok = await init(KEYS.reporter)
    expect(ok.status).toBe(200)
    expect(ok.headers.get('mcp-session-id')).toMatch(/^[0-9a-f-]{36}$/)
    expect(http.sessions.size).toBe(1)
    await gateway.killSwitch.terminate('reporter', 'compromised')
    await new Promise((r) => setTimeout(r, 10))
    expect(http.sessions.size).toBe(0)
    const res = await init(KEYS.reporter)
    expect(res.status).toBe(401)
    expect(await errorCode(res)).toBe('AGENT_TERMINATED')
  })

  it('does not let one agent use another agent’s session id', async () => {
    const opened = await init(KEYS.reporter)
    const sessionId = opened.headers.get('mcp-session-id') as string
    const res = await http.app.request('http://localhost/mcp', {
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
    await gateway.killSwitch.emergencyStop('drill')
    const res = await get('/healthz')
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ emergencyStop: true })
  })

  it('exposes Prometheus text with the kill-switch gauges', async () => {
    await gateway.killSwitch.pause('reporter', 'x')
    http.metrics.observe('http', 'deny', 0.002)
    const res = await get('/metrics')
    expect(res.headers.get('content-type')).toContain('text/plain; version=0.0.4')
    const text = await res.text()
    expect(text).toContain('warden_tool_calls_total{transport="http",decision="deny"} 1')
    expect(text).toContain('warden_tool_call_duration_seconds_bucket{le="0.005"} 1')
    expect(text).toContain('warden_agents{state="paused"} 1')
    expect(text).toContain('warden_emergency_stop 0')
    expect(text).toContain('warden_kill_switch_available 1')
  })

  it('reports upstream health when the gateway provides it', async () => {
    const withUpstreams = createHttpApp(gateway, {
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
