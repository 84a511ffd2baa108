import { describe, expect, it } from 'vitest'
import { KEYS } from '../../../test/gateway/fake-gateway.js'
import { fakeHttpPerTest } from '../../../test/gateway/fake-http.js'
import { bearer, TOKENS } from '../../../test/gateway/tokens.js'
import { approvalAuditEntry } from '../approval-audit.js'

const fake = fakeHttpPerTest()

const post = (path: string, token: string | undefined, body: unknown = { reason: 'test' }) =>
  fake.http.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token === undefined ? {} : bearer(token)) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
const get = (path: string, token?: string) =>
  fake.http.app.request(path, { headers: token === undefined ? {} : bearer(token) })

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
    expect(fake.gateway.killSwitch.admit('reporter')).toMatchObject({ ok: false, code: 'AGENT_PAUSED' })
    const list = (await (await get('/api/agents', TOKENS.admin)).json()) as {
      agents: Array<{ agentId: string; state: string; configured: boolean }>
    }
    expect(list.agents.find((a) => a.agentId === 'reporter')).toMatchObject({
      state: 'paused',
      configured: true,
    })
    expect(list.agents.find((a) => a.agentId === 'ops')).toMatchObject({ state: 'active', configured: true })
    await post('/api/agents/reporter/resume', TOKENS.admin, { reason: 'understood' })
    expect(fake.gateway.killSwitch.admit('reporter').ok).toBe(true)
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
    expect(fake.gateway.killSwitch.admit('never-seen')).toMatchObject({ ok: false, code: 'EMERGENCY_STOP' })
    await post('/api/emergency-stop/clear', TOKENS.admin, { reason: 'contained' })
    expect(fake.gateway.killSwitch.admit('never-seen').ok).toBe(true)
  })

  it('clears the emergency stop with no body, as DESIGN.md gives the route, but refuses a blank reason', async () => {
    await post('/api/emergency-stop', TOKENS.admin, { reason: 'breach' })
    const blank = await post('/api/emergency-stop/clear', TOKENS.admin, { reason: '  ' })
    expect(blank.status).toBe(400)
    expect(await errorCode(blank)).toBe('REQUEST_INVALID')
    expect(fake.gateway.killSwitch.admit('x').ok).toBe(false)
    const res = await post('/api/emergency-stop/clear', TOKENS.admin, '')
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ emergencyStop: { active: false } })
    expect(fake.gateway.killSwitch.admit('x').ok).toBe(true)
    const body = (await (await get('/api/incidents', TOKENS.auditor)).json()) as {
      incidents: Array<{ kind: string; reason: string }>
    }
    expect(body.incidents.map((i) => i.reason)).toContain('cleared through the admin API')
  })

  it('lists the incidents the operator actions left', async () => {
    await post('/api/agents/reporter/pause', TOKENS.admin, { reason: 'look' })
    const body = (await (await get('/api/incidents?agent=reporter', TOKENS.auditor)).json()) as {
      incidents: Array<{ kind: string; actor: string }>
    }
    expect(body.incidents).toEqual([expect.objectContaining({ kind: 'paused', actor: 'api:admin-op' })])
  })

  it('reads incidents from the store, between since and until inclusive, the most recent under a limit', async () => {
    const at = (iso: string) => Date.parse(iso)
    for (const [id, time] of [
      ['i1', '2026-01-01T00:00:00Z'],
      ['i2', '2026-01-02T00:00:00Z'],
      ['i3', '2026-01-03T00:00:00Z'],
    ] as const) {
      await fake.gateway.store.incidents.record({
        id,
        kind: 'paused',
        reason: 'r',
        actor: 'a',
        at: at(time),
        origin: 'o',
      })
    }
    const ids = async (query: string) =>
      (
        (await (await get(`/api/incidents?${query}`, TOKENS.auditor)).json()) as {
          incidents: { id: string }[]
        }
      ).incidents.map((i) => i.id)
    expect(await ids('since=2026-01-02T00:00:00Z&until=2026-01-03T00:00:00Z')).toEqual(['i2', 'i3'])
    expect(await ids('until=2026-01-02T00:00:00Z&limit=1')).toEqual(['i2'])
    expect(await ids('limit=2')).toEqual(['i2', 'i3'])
    const bad = await get('/api/incidents?until=yesterday', TOKENS.auditor)
    expect(await errorCode(bad)).toBe('REQUEST_INVALID')
  })
})

describe('createHttpApp: bad requests are coded, never half-applied', () => {
  it('answers bad JSON with 400 REQUEST_BAD_JSON and changes nothing', async () => {
    const res = await post('/api/agents/reporter/pause', TOKENS.admin, '{"reason": ')
    expect(res.status).toBe(400)
    expect(await errorCode(res)).toBe('REQUEST_BAD_JSON')
    expect(fake.gateway.killSwitch.status('reporter').state).toBe('active')
  })

  it('answers a JSON array, a missing reason and a blank reason with 400', async () => {
    expect(await errorCode(await post('/api/emergency-stop', TOKENS.admin, '[1]'))).toBe('REQUEST_BAD_JSON')
    expect(await errorCode(await post('/api/emergency-stop', TOKENS.admin, {}))).toBe('REQUEST_INVALID')
    expect(await errorCode(await post('/api/emergency-stop', TOKENS.admin, { reason: '  ' }))).toBe(
      'REQUEST_INVALID',
    )
    expect(fake.gateway.killSwitch.emergency().active).toBe(false)
  })

  it('refuses a body over the limit with 413 REQUEST_TOO_LARGE', async () => {
    const res = await post('/api/emergency-stop', TOKENS.admin, { reason: 'x'.repeat(70_000) })
    expect(res.status).toBe(413)
    expect(await errorCode(res)).toBe('REQUEST_TOO_LARGE')
    expect(fake.gateway.killSwitch.emergency().active).toBe(false)
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

  it('filters approval records by their status, which they carry as the decision', async () => {
    const event = {
      approvalId: 'apr_1',
      kind: 'approve' as const,
      actionHash: 'h',
      agent: 'reporter',
      tool: 'payments.transfer',
      votes: [],
      at: Date.parse('2026-01-01T00:00:00Z'),
    }
    await fake.gateway.audit.append(
      approvalAuditEntry({ ...event, type: 'approval.requested', status: 'pending' }),
    )
    await fake.gateway.audit.append(
      approvalAuditEntry({ ...event, type: 'approval.approved', status: 'approved' }),
    )
    const res = await get('/api/audit?decision=approved', TOKENS.auditor)
    expect(res.status).toBe(200)
    const { records } = (await res.json()) as { records: { decision: string; action: string }[] }
    expect(records.map((r) => [r.decision, r.action])).toEqual([['approved', 'approval:approval.approved']])
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
