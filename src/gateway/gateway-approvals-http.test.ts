import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseConfig } from '../config/load.js'
import { ensureDemoSandbox } from '../tools/demo-sandbox.js'
import { hashKey } from './agent-keys.js'
import { Gateway } from './gateway.js'
import { createHttpApp, type HttpApp } from './http/create-http-app.js'
import { type Listening, listen } from './http/listen.js'

// Elicitation and the progress hold over Streamable HTTP: the question and the progress must travel on the
// tools/call's own stream (relatedRequestId), or an HTTP client never sees them.
const KEY = 'wdn_agent_approvals-http-mailer'
const cwd = mkdtempSync(join(tmpdir(), 'warden-approvals-http-'))
let gateway: Gateway
let http: HttpApp
let server: Listening

beforeAll(async () => {
  ensureDemoSandbox(cwd)
  mkdirSync(join(cwd, 'sandbox', 'outbox'), { recursive: true })
  const loaded = parseConfig(`
agents:
  mailer:
    keys: ['${hashKey(KEY)}']
    permissions: { tools: { allow: [email.send, payments.transfer] } }
approvals: { holdMs: 60000, holdPollMs: 20 }
governed:
  email: { outbox: ./sandbox/outbox }
  payments: { ledger: 'sqlite:./sandbox/ledger.db' }
store: 'sqlite:.warden/warden.db'
`)
  gateway = await Gateway.open({ loaded, cwd, env: {} })
  http = createHttpApp(gateway, { adminTokens: [] })
  server = await listen(http.app, { host: '127.0.0.1', port: 0 })
}, 60_000)

afterAll(async () => {
  await http?.close()
  await server?.close()
  await gateway?.close()
})

async function connect(elicitation: boolean): Promise<Client> {
  const client = new Client(
    { name: 'approvals-http', version: '1.0.0' },
    { capabilities: elicitation ? { elicitation: {} } : {} },
  )
  if (elicitation) {
    client.setRequestHandler(ElicitRequestSchema, async () => ({
      action: 'accept',
      content: { confirm: true },
    }))
  }
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), {
      requestInit: { headers: { Authorization: `Bearer ${KEY}` } },
    }),
  )
  return client
}

describe('approvals over Streamable HTTP', () => {
  it('asks the confirm by elicitation on the call’s stream and sends the mail once', async () => {
    const client = await connect(true)
    try {
      const result = await client.callTool({
        name: 'email_send',
        arguments: { to: ['dan@example.com'], subject: 'over http', body: 'hello' },
      })
      expect(result.isError, JSON.stringify(result.content)).not.toBe(true)
      expect(readdirSync(join(cwd, 'sandbox', 'outbox')).filter((f) => f.endsWith('.eml'))).toHaveLength(1)
    } finally {
      await client.close()
    }
  })

  it('holds a transfer with progress until an approver approves it', async () => {
    const client = await connect(false)
    try {
      let approving: Promise<unknown> | undefined
      const result = await client.callTool(
        { name: 'payments_transfer', arguments: { to: 'HTTP Ltd', amount: 70, currency: 'EUR' } },
        undefined,
        {
          resetTimeoutOnProgress: true,
          onprogress: (p) => {
            const id = /apr_[0-9a-f-]+/.exec(p.message ?? '')?.[0]
            if (approving === undefined && id !== undefined) {
              approving = gateway.approvals.decide(id, 'alice', 'approve', 'known supplier')
            }
          },
        },
      )
      await approving
      expect(approving).toBeDefined()
      expect(result.isError, JSON.stringify(result.content)).not.toBe(true)
    } finally {
      await client.close()
    }
  })
})
