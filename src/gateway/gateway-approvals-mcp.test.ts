import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js'
import { ElicitRequestSchema, type ElicitResult } from '@modelcontextprotocol/sdk/types.js'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseConfig } from '../config/load.js'
import { ensureDemoSandbox } from '../tools/demo-sandbox.js'
import { Gateway } from './gateway.js'
import { createAgentServer } from './mcp/agent-server.js'

// Issue 6 over MCP itself: `confirm` asks the user by elicitation when the client supports it, and a call
// with a progress token is held open (bounded) for its approval, with progress notifications.
const config = (holdMs: number) =>
  parseConfig(`
agents:
  ops:
    owner: bob
    permissions:
      tools: { allow: [email.send, payments.transfer] }
escalationRules:
  - { condition: 'transaction.amount > 10000', action: requireApproval }
approvals: { holdMs: ${holdMs}, holdPollMs: 20 }
governed:
  email: { outbox: ./sandbox/outbox }
  payments: { ledger: 'sqlite:./sandbox/ledger.db' }
store: 'sqlite:.warden/warden.db'
`)

async function aGateway(holdMs: number) {
  const cwd = mkdtempSync(join(tmpdir(), 'warden-approvals-mcp-'))
  ensureDemoSandbox(cwd)
  mkdirSync(join(cwd, 'sandbox', 'outbox'), { recursive: true })
  const gateway = await Gateway.open({ loaded: config(holdMs), cwd, env: {} })
  return { cwd, gateway }
}

let main: Awaited<ReturnType<typeof aGateway>>
let short: Awaited<ReturnType<typeof aGateway>>
let sessions = 0
beforeAll(async () => {
  main = await aGateway(60_000)
  short = await aGateway(60)
})
afterAll(async () => {
  await main?.gateway.close()
  await short?.gateway.close()
})

/** An SDK client of agent ops on a fresh session; `answer` set: it declares elicitation and answers so. */
async function aClient(gateway: Gateway, answer?: (message: string) => ElicitResult | Promise<ElicitResult>) {
  const sessionId = `mcp-${++sessions}`
  const server = createAgentServer(gateway, { agentId: 'ops', sessionId, transport: 'stdio' })
  const client = new Client(
    { name: 'test-agent', version: '1.0.0' },
    { capabilities: answer === undefined ? {} : { elicitation: {} } },
  )
  const asked: string[] = []
  if (answer !== undefined) {
    client.setRequestHandler(ElicitRequestSchema, async (request) => {
      asked.push(request.params.message)
      return answer(request.params.message)
    })
  }
  const [a, b] = InMemoryTransport.createLinkedPair()
  await Promise.all([server.connect(a), client.connect(b)])
  return { client, asked, sessionId }
}

const mail = (subject: string) => ({
  name: 'email_send',
  arguments: { to: ['carol@example.com'], subject, body: 'quarterly numbers attached' },
})
const outbox = () => readdirSync(join(main.cwd, 'sandbox', 'outbox')).filter((f) => f.endsWith('.eml'))
const transfers = (cwd: string, to: string): number => {
  const db = new Database(join(cwd, 'sandbox', 'ledger.db'), { readonly: true })
  try {
    return (db.prepare('SELECT count(*) AS n FROM transfers WHERE to_account = ?').get(to) as { n: number }).n
  } finally {
    db.close()
  }
}
type Info = { code?: string; approvalId?: string; reason?: string }
const info = (r: unknown) => (r as { structuredContent?: Info }).structuredContent ?? {}

describe('confirm by MCP elicitation', () => {
  it('asks the user, and on an explicit yes runs the action exactly once, recording who confirmed', async () => {
    const before = outbox().length
    const { client, asked } = await aClient(main.gateway, () => ({
      action: 'accept',
      content: { confirm: true },
    }))
    const result = await client.callTool(mail('numbers'))
    expect(result.isError, JSON.stringify(result.content)).not.toBe(true)
    expect(asked).toHaveLength(1)
    expect(asked[0]).toMatch(/email\.send \(medium risk\)/)
    expect(asked[0]).toMatch(/subject="numbers"/)
    expect(outbox().length).toBe(before + 1)
    const [used] = (await main.gateway.approvals.list({ status: 'consumed' })).filter(
      (r) => r.action.args['subject'] === 'numbers',
    )
    expect(used?.votes).toEqual([
      expect.objectContaining({ approver: 'bob', decision: 'approve', via: 'elicitation' }),
    ])
  })

  it('refuses with APPROVAL_DECLINED on a no, and the retry stays denied without asking again', async () => {
    const before = outbox().length
    const { client, asked } = await aClient(main.gateway, () => ({
      action: 'accept',
      content: { confirm: false },
    }))
    const no = await client.callTool(mail('declined'))
    expect(info(no).code).toBe('APPROVAL_DECLINED')
    expect((await main.gateway.approvals.get(info(no).approvalId as string))?.status).toBe('denied')
    const again = await client.callTool(mail('declined'))
    expect(info(again).code).toBe('APPROVAL_DENIED')
    expect(asked).toHaveLength(1)
    expect(outbox().length).toBe(before)
  })

  it('refuses a dismissal and a failing client, leaving the request pending', async () => {
    const before = outbox().length
    const dismissed = await aClient(main.gateway, () => ({ action: 'cancel' }))
    const cancel = await dismissed.client.callTool(mail('dismissed'))
    expect(info(cancel).code).toBe('APPROVAL_DECLINED')
    expect((await main.gateway.approvals.get(info(cancel).approvalId as string))?.status).toBe('pending')

    const broken = await aClient(main.gateway, () => {
      throw new Error('no display')
    })
    const failed = await broken.client.callTool(mail('broken'))
    expect(info(failed).code).toBe('APPROVAL_CONFIRM_FAILED')
    expect((await main.gateway.approvals.get(info(failed).approvalId as string))?.status).toBe('pending')
    expect(outbox().length).toBe(before)
  })

  it('never asks the user to approve what needs an approver (a 50,000 transfer stays pending)', async () => {
    const { client, asked } = await aClient(main.gateway, () => ({
      action: 'accept',
      content: { confirm: true },
    }))
    const held = await client.callTool({
      name: 'payments_transfer',
      arguments: { to: 'Self-Approved Ltd', amount: 50_000, currency: 'EUR' },
    })
    expect(info(held).code).toBe('APPROVAL_PENDING')
    expect(asked).toHaveLength(0)
    expect(transfers(main.cwd, 'Self-Approved Ltd')).toBe(0)
  })

  it('gives a client without the elicitation capability the pending approval id', async () => {
    const { client } = await aClient(main.gateway)
    const held = await client.callTool(mail('no-elicitation'))
    expect(info(held).code).toBe('APPROVAL_PENDING')
    expect((await main.gateway.approvals.get(info(held).approvalId as string))?.kind).toBe('confirm')
  })
})

describe('holding a call with progress notifications', () => {
  it('keeps the call open and runs the transfer once an approver approves meanwhile', async () => {
    const { client } = await aClient(main.gateway)
    let approving: Promise<unknown> | undefined
    const progress: string[] = []
    const result = await client.callTool(
      { name: 'payments_transfer', arguments: { to: 'Held Ltd', amount: 50_000, currency: 'EUR' } },
      undefined,
      {
        resetTimeoutOnProgress: true,
        onprogress: (p) => {
          progress.push(p.message ?? '')
          const id = /apr_[0-9a-f-]+/.exec(p.message ?? '')?.[0]
          if (approving === undefined && id !== undefined) {
            approving = main.gateway.approvals.decide(id, 'alice', 'approve', 'invoice 77 checked')
          }
        },
      },
    )
    await approving
    expect(result.isError, JSON.stringify(result.content)).not.toBe(true)
    expect(progress[0]).toMatch(/^waiting for approval apr_/)
    expect(transfers(main.cwd, 'Held Ltd')).toBe(1)
  })

  it("returns the approver's reason when the held request is denied", async () => {
    const { client } = await aClient(main.gateway)
    const result = await client.callTool(
      { name: 'payments_transfer', arguments: { to: 'Denied Ltd', amount: 50_000, currency: 'EUR' } },
      undefined,
      {
        onprogress: (p) => {
          const id = /apr_[0-9a-f-]+/.exec(p.message ?? '')?.[0]
          if (id !== undefined) {
            void main.gateway.approvals
              .decide(id, 'alice', 'deny', 'no purchase order')
              .catch(() => undefined)
          }
        },
      },
    )
    expect(info(result)).toMatchObject({
      code: 'APPROVAL_DENIED',
      reason: expect.stringMatching(/no purchase order/),
    })
    expect(transfers(main.cwd, 'Denied Ltd')).toBe(0)
  })

  it('gives up after holdMs and returns the pending id, having sent progress', async () => {
    const { client } = await aClient(short.gateway)
    let ticks = 0
    const result = await client.callTool(
      { name: 'payments_transfer', arguments: { to: 'Slow Ltd', amount: 50_000, currency: 'EUR' } },
      undefined,
      { onprogress: () => void ticks++ },
    )
    expect(info(result).code).toBe('APPROVAL_PENDING')
    expect(ticks).toBeGreaterThan(0)
    expect(transfers(short.cwd, 'Slow Ltd')).toBe(0)
  })

  it('does not hold a call without a progress token', async () => {
    const { client } = await aClient(main.gateway)
    const result = await client.callTool({
      name: 'payments_transfer',
      arguments: { to: 'Unheld Ltd', amount: 50_000, currency: 'EUR' },
    })
    expect(info(result).code).toBe('APPROVAL_PENDING')
  })
})
