import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseConfig } from '../../src/config/load.js'
import { hashKey } from '../../src/gateway/agent-keys.js'
import { Gateway } from '../../src/gateway/gateway.js'
import { createHttpApp, type HttpApp } from '../../src/gateway/http/create-http-app.js'
import { type Listening, listen } from '../../src/gateway/http/listen.js'
import { ensureDemoSandbox } from '../../src/tools/demo-sandbox.js'
import { ADMIN_TOKENS, bearer, TOKENS } from './tokens.js'

// The real gateway (kill switch, policy, pins, risk, audit, governed tools, a real upstream MCP server over
// stdio) behind the HTTP surface, driven by the SDK's own client.
const KEY = 'wdn_agent_real-gateway-reporter'
const cwd = mkdtempSync(join(tmpdir(), 'warden-real-http-'))
const stateDir = mkdtempSync(join(tmpdir(), 'warden-read-only-'))
const UPSTREAM = new URL('./read-only-upstream.mjs', import.meta.url).pathname
const events = () => {
  try {
    return readFileSync(join(stateDir, 'events.log'), 'utf8').split('\n')
  } catch {
    return []
  }
}
let gateway: Gateway
let http: HttpApp
let server: Listening

beforeAll(async () => {
  ensureDemoSandbox(cwd)
  const loaded = parseConfig(
    `
agents:
  reporter:
    keys: ['${hashKey(KEY)}']
    permissions:
      files: { read: ['/data/public/**'] }
      tools: { allow: [fx/search_echo, fx/fetch_slowly, fx/read_forever] }
upstreams:
  fx:
    command: ${JSON.stringify(process.execPath)}
    args: [${JSON.stringify(UPSTREAM)}]
    env: { READ_ONLY_STATE_DIR: ${JSON.stringify(stateDir)} }
governed:
  files: { mounts: { /data: ./sandbox/data } }
`,
    'real-gateway-http.yaml',
  )
  gateway = await Gateway.open({ loaded, cwd, env: {} })
  http = createHttpApp(gateway, { adminTokens: ADMIN_TOKENS })
  server = await listen(http.app, { host: '127.0.0.1', port: 0 })
}, 60_000)

afterAll(async () => {
  await http?.close()
  await server?.close()
  await gateway?.close()
})

async function connect(): Promise<Client> {
  const client = new Client({ name: 'real-e2e', version: '1.0.0' })
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), {
      requestInit: { headers: bearer(KEY) },
    }),
  )
  return client
}

const textOf = (r: CallToolResult) => {
  const first = r.content[0]
  return first?.type === 'text' ? first.text : ''
}

describe('the real Gateway over Streamable HTTP', () => {
  it('lists governed and upstream tools the policy allows, under wire names', async () => {
    const client = await connect()
    const names = (await client.listTools()).tools.map((t) => t.name)
    expect(names).toEqual(expect.arrayContaining(['files_read', 'fx__search_echo', 'fx__fetch_slowly']))
    expect(names).not.toContain('files_write')
    expect(names).not.toContain('files_delete')
    await client.close()
  })

  it('runs an allowed upstream call and refuses a hidden tool as it refuses a missing one', async () => {
    const client = await connect()
    const echo = (await client.callTool({
      name: 'fx__search_echo',
      arguments: { text: 'hello' },
    })) as CallToolResult
    expect(echo.isError, textOf(echo)).toBeFalsy()
    expect(textOf(echo)).toContain('hello') // upstream output arrives spotlighted as data
    const hidden = (await client.callTool({
      name: 'files_write',
      arguments: { path: '/data/outputs/x', content: 'x' },
    })) as CallToolResult
    const missing = (await client.callTool({
      name: 'fx__nothing',
      arguments: { name: 'HOME' },
    })) as CallToolResult
    expect(hidden.isError).toBe(true)
    expect(missing.isError).toBe(true)
    expect((hidden.structuredContent as { code: string }).code).toBe(
      (missing.structuredContent as { code: string }).code,
    )
    await client.close()
  })

  it('denies a governed call outside the boundary with its code', async () => {
    const client = await connect()
    const denied = (await client.callTool({
      name: 'files_read',
      arguments: { path: '/data/backups/old/orders-2025.csv' },
    })) as CallToolResult
    expect(denied.isError).toBe(true)
    expect(denied.structuredContent).toMatchObject({ decision: 'deny' })
    expect(textOf(denied)).toMatch(/^[A-Z][A-Z0-9_]+: /)
    await client.close()
  })

  it('passes the upstream’s progress notifications through to the client', async () => {
    const client = await connect()
    const progress: number[] = []
    const result = (await client.callTool({ name: 'fx__fetch_slowly', arguments: { steps: 3 } }, undefined, {
      onprogress: (p) => progress.push(p.progress),
    })) as CallToolResult
    expect(textOf(result)).toContain('fetched 3')
    expect(progress).toEqual([1, 2, 3])
    await client.close()
  })

  it('passes the client’s cancellation through to the upstream server', async () => {
    const client = await connect()
    const abort = new AbortController()
    const call = client.callTool({ name: 'fx__read_forever', arguments: {} }, undefined, {
      signal: abort.signal,
    })
    await new Promise((r) => setTimeout(r, 200))
    abort.abort('user gave up')
    await expect(call).rejects.toThrow()
    await expect.poll(() => events().includes('cancelled'), { timeout: 5_000 }).toBe(true)
    await client.close()
  })

  it('stops the next call after a pause over the admin API, and records everything in a valid audit log', async () => {
    const client = await connect()
    const post = (path: string) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bearer(TOKENS.admin) },
        body: JSON.stringify({ reason: 'real e2e' }),
      })
    expect((await post('/api/agents/reporter/pause')).status).toBe(200)
    const refused = (await client.callTool({
      name: 'fx__search_echo',
      arguments: { text: 'x' },
    })) as CallToolResult
    expect(refused.structuredContent).toMatchObject({ code: 'AGENT_PAUSED' })
    expect((await post('/api/agents/reporter/resume')).status).toBe(200)
    const audit = (await (
      await fetch(`${server.url}/api/audit?agent=reporter&limit=1000`, { headers: bearer(TOKENS.auditor) })
    ).json()) as { records: Array<{ action: string; decision: string }> }
    expect(audit.records.some((r) => r.action === 'fx/search_echo' && r.decision === 'allow')).toBe(true)
    expect(audit.records.some((r) => r.action === 'fx/search_echo' && r.decision === 'deny')).toBe(true)
    const verify = await (
      await fetch(`${server.url}/api/audit/verify`, { headers: bearer(TOKENS.auditor) })
    ).json()
    expect(verify).toMatchObject({ ok: true })
    await client.close()
  })
})
