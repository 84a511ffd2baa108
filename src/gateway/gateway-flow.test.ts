import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseConfig } from '../config/load.js'
import { startDemoWebServer } from '../demo/demo-web-server.js'
import { ensureDemoSandbox } from '../tools/demo-sandbox.js'
import { Gateway } from './gateway.js'
import type { ToolResult } from './tool-source.js'

// Issue 7's end-to-end case: an upstream tool returns a page with a planted instruction to mail data out;
// the agent's next email.send is held for approval, and the reason names the flow.
const cwd = mkdtempSync(join(tmpdir(), 'warden-flow-'))
let gateway: Gateway
let web: Awaited<ReturnType<typeof startDemoWebServer>>

const call = (tool: string, args: Record<string, unknown>, sessionId = 's1'): Promise<ToolResult> =>
  gateway.callTool({ agentId: 'assistant', sessionId, tool, args }, { signal: new AbortController().signal })

beforeAll(async () => {
  ensureDemoSandbox(cwd)
  web = await startDemoWebServer()
  gateway = await Gateway.open({
    loaded: parseConfig(`
agents:
  assistant:
    permissions:
      tools: { allow: [web/fetch_page, email.send] }
upstreams:
  web: { url: '${web.url}' }
governed:
  email: { outbox: ./sandbox/outbox }
store: 'sqlite:.warden/warden.db'
`),
    cwd,
    env: {},
  })
})

afterAll(async () => {
  await gateway?.close()
  await web?.close()
})

describe('information flow through the gateway', () => {
  it('holds an email after a page with a planted instruction, naming the flow', async () => {
    const page = await call('web/fetch_page', { url: 'https://weather.api.com/tunis' })
    expect(page.isError).not.toBe(true)
    const mail = await call('email.send', { to: 'boss@example.com', subject: 'weather', body: 'sunny' })
    expect(mail.isError).toBe(true)
    const reasons =
      (mail.structuredContent as { reasons?: { code: string; message: string }[] }).reasons ?? []
    const flow = reasons.find((r) => r.code === 'FLOW_UNTRUSTED_EGRESS')
    expect(flow?.message).toMatch(/web\/fetch_page/)
  })

  it('lets a session that read nothing untrusted send without the flow rule', async () => {
    const mail = await call(
      'email.send',
      { to: 'boss@example.com', subject: 'hello', body: 'hi' },
      'clean-session',
    )
    const reasons = (mail.structuredContent as { reasons?: { code: string }[] } | undefined)?.reasons ?? []
    expect(reasons.map((r) => r.code)).not.toContain('FLOW_UNTRUSTED_EGRESS')
  })
})
