import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseConfig } from '../config/load.js'
import { ensureDemoSandbox } from '../tools/demo-sandbox.js'
import { newSecret } from './auth/new-secret.js'
import { Gateway } from './gateway.js'
import { createHttpApp, type HttpApp } from './http/create-http-app.js'
import type { ToolResult } from './tool-source.js'

// Issue 6's end-to-end case: a payments.transfer of 50,000 is held, approved over the admin API, and then
// proceeds exactly once; with a denial the agent receives the approver's reason.
const cwd = mkdtempSync(join(tmpdir(), 'warden-approvals-'))
const alice = newSecret('wdn_admin_')
const bob = newSecret('wdn_admin_')
const carol = newSecret('wdn_admin_')
let gateway: Gateway
let http: HttpApp

const transfer = (to: string, amount = 50_000): Promise<ToolResult> =>
  gateway.callTool(
    { agentId: 'ops', sessionId: 's1', tool: 'payments.transfer', args: { to, amount, currency: 'EUR' } },
    { signal: new AbortController().signal },
  )

const api = (path: string, token: string, body?: unknown) =>
  http.app.request(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { Authorization: `Bearer ${token}`, Host: '127.0.0.1', 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })

const ledgerTransfers = (to: string): number => {
  const db = new Database(join(cwd, 'sandbox', 'ledger.db'), { readonly: true })
  try {
    return (db.prepare('SELECT count(*) AS n FROM transfers WHERE to_account = ?').get(to) as { n: number }).n
  } finally {
    db.close()
  }
}

const info = (r: ToolResult) =>
  r.structuredContent as { code?: string; approvalId?: string; reason?: string } | undefined

beforeAll(async () => {
  ensureDemoSandbox(cwd)
  gateway = await Gateway.open({
    loaded: parseConfig(`
agents:
  ops:
    owner: bob
    permissions:
      tools: { allow: [payments.transfer] }
  temp:
    permissions:
      tools: { allow: [payments.transfer] }
escalationRules:
  - { condition: 'transaction.amount > 10000', action: requireApproval }
governed:
  payments: { ledger: 'sqlite:./sandbox/ledger.db' }
store: 'sqlite:.warden/warden.db'
`),
    cwd,
    env: {},
  })
  http = createHttpApp(gateway, {
    adminTokens: [
      { name: 'alice', role: 'approver', hash: alice.hash },
      { name: 'bob', role: 'approver', hash: bob.hash },
      { name: 'carol', role: 'approver', hash: carol.hash },
    ],
  })
})

afterAll(async () => {
  await http?.close()
  await gateway?.close()
})

describe('approvals through the gateway', () => {
  it('holds a 50,000 transfer, lets alice approve it over the API, and runs it exactly once', async () => {
    const first = await transfer('ACME Ltd')
    expect(first.isError).toBe(true)
    expect(info(first)?.code).toBe('APPROVAL_PENDING')
    const id = info(first)?.approvalId as string
    const again = await transfer('ACME Ltd')
    expect(info(again)).toMatchObject({ code: 'APPROVAL_PENDING', approvalId: id })

    const pending = (await (await api('/api/approvals?status=pending', alice.secret)).json()) as {
      approvals: { id: string }[]
    }
    expect(pending.approvals.map((a) => a.id)).toContain(id)
    // bob owns the agent: he may not approve its request
    const self = await api(`/api/approvals/${id}`, bob.secret, { decision: 'approve', reason: 'mine' })
    expect(self.status).toBe(403)
    const ok = await api(`/api/approvals/${id}`, alice.secret, {
      decision: 'approve',
      reason: 'invoice 1234 checked',
    })
    expect(ok.status).toBe(200)

    expect(ledgerTransfers('ACME Ltd')).toBe(0) // held: nothing moved before the approval
    const ran = await transfer('ACME Ltd')
    expect(ran.isError, JSON.stringify(ran.content)).not.toBe(true)
    const twice = await transfer('ACME Ltd')
    expect(info(twice)?.code).toBe('APPROVAL_PENDING') // single use: a second transfer needs a new approval
    expect(info(twice)?.approvalId).not.toBe(id)
    expect(ledgerTransfers('ACME Ltd')).toBe(1) // exactly once
  })

  it('binds the approval to the exact arguments', async () => {
    const held = await transfer('Globex', 20_000)
    const id = info(held)?.approvalId as string
    await api(`/api/approvals/${id}`, alice.secret, { decision: 'approve', reason: 'ok' })
    const changed = await transfer('Globex', 20_001)
    expect(info(changed)?.code).toBe('APPROVAL_PENDING')
    expect(info(changed)?.approvalId).not.toBe(id)
  })

  it("gives the agent the approver's reason when denied", async () => {
    const held = await transfer('Initech', 30_000)
    const id = info(held)?.approvalId as string
    const no = await api(`/api/approvals/${id}`, alice.secret, {
      decision: 'deny',
      reason: 'no purchase order on file',
    })
    expect(no.status).toBe(200)
    const refused = await transfer('Initech', 30_000)
    expect(info(refused)?.code).toBe('APPROVAL_DENIED')
    expect(info(refused)?.reason).toMatch(/no purchase order on file/)
    expect(ledgerTransfers('Initech')).toBe(0)
  })

  it('lets exactly one of two approvers racing decide, and the transfer runs once', async () => {
    const held = await transfer('Soylent', 25_000)
    const id = info(held)?.approvalId as string
    const [a, c] = await Promise.all([
      api(`/api/approvals/${id}`, alice.secret, { decision: 'approve', reason: 'ok by alice' }),
      api(`/api/approvals/${id}`, carol.secret, { decision: 'deny', reason: 'not budgeted' }),
    ])
    expect([a.status, c.status].sort()).toEqual([200, 409])
    const outcome = await gateway.approvals.get(id)
    expect(outcome?.votes).toHaveLength(1)
    const retry = await transfer('Soylent', 25_000)
    if (outcome?.status === 'approved') {
      expect(retry.isError).not.toBe(true)
      expect(ledgerTransfers('Soylent')).toBe(1)
    } else {
      expect(info(retry)?.code).toBe('APPROVAL_DENIED')
      expect(ledgerTransfers('Soylent')).toBe(0)
    }
  })

  it("cancels a terminated agent's pending approvals", async () => {
    const held = await gateway.callTool(
      {
        agentId: 'temp',
        sessionId: 's9',
        tool: 'payments.transfer',
        args: { to: 'Umbrella', amount: 40_000, currency: 'EUR' },
      },
      { signal: new AbortController().signal },
    )
    const id = info(held)?.approvalId as string
    expect(info(held)?.code).toBe('APPROVAL_PENDING')
    await gateway.killSwitch.terminate('temp', 'compromised')
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect((await gateway.approvals.get(id))?.status).toBe('expired')
    const late = await api(`/api/approvals/${id}`, alice.secret, { decision: 'approve', reason: 'too late' })
    expect(late.status).toBe(409)
  })
})

describe('approval requests carry the dry-run', () => {
  it('shows the approver the ledger change the transfer would make, without making it', async () => {
    const held = await gateway.callTool(
      {
        agentId: 'ops',
        sessionId: 's5',
        tool: 'payments.transfer',
        args: { to: 'Hooli', amount: 12_345, currency: 'EUR' },
      },
      { signal: new AbortController().signal },
    )
    const request = await gateway.approvals.get(info(held)?.approvalId as string)
    const dryRun = request?.context.dryRun as {
      dryRun?: boolean
      ledger?: { to?: { account: string; before: number; after: number } }
    }
    expect(dryRun?.dryRun).toBe(true)
    expect(dryRun?.ledger?.to).toMatchObject({ account: 'Hooli' })
    expect((dryRun?.ledger?.to?.after ?? 0) - (dryRun?.ledger?.to?.before ?? 0)).toBe(12_345)
  })
})

describe('approval requests carry recent session history', () => {
  it('shows the approver what the session did before, redacted, without the held action itself', async () => {
    const call = (tool: string, args: Record<string, unknown>) =>
      gateway.callTool(
        { agentId: 'ops', sessionId: 's7', tool, args },
        { signal: new AbortController().signal },
      )
    await call('files.read', { path: '/data/public/a.txt' }) // not granted: denied, still history
    await call('payments.transfer', { to: 'jane.doe@example.com', amount: 5, currency: 'EUR' })
    const held = await call('payments.transfer', { to: 'Wayne Corp', amount: 60_000, currency: 'EUR' })
    const request = await gateway.approvals.get(info(held)?.approvalId as string)
    const history = request?.context.history as { tool: string; decision: string; args: string }[]
    expect(history.map((h) => [h.tool, h.decision])).toEqual([
      ['files.read', 'deny'],
      ['payments.transfer', 'approve'], // high risk: itself held
    ])
    expect(history[1]?.args).toMatch(/amount=5/)
    expect(JSON.stringify(history)).not.toMatch(/jane\.doe@example\.com/)
  })
})
