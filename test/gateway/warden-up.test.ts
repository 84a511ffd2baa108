import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BIN, BUILT, startUp, stop, type Up } from './spawn-up.js'

if (!BUILT) console.warn('warden up/stdio end-to-end tests skipped: run `npx tsc -p tsconfig.json` first')

function textOf(result: CallToolResult): string {
  const first = result.content[0]
  return first?.type === 'text' ? first.text : ''
}

describe.skipIf(!BUILT)('warden up (spawned, example config, embedded default)', () => {
  let cwd: string
  let up: Up

  beforeAll(async () => {
    cwd = mkdtempSync(join(tmpdir(), 'warden-up-'))
    up = await startUp(cwd)
  }, 60_000)
  afterAll(async () => {
    if (up !== undefined) await stop(up)
  })

  const admin = (path: string, body: unknown = { reason: 'e2e' }, token = up.adminToken as string) =>
    fetch(`${up.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    })

  async function connect(key: string): Promise<Client> {
    const client = new Client({ name: 'up-e2e', version: '1.0.0' })
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${up.url}/mcp`), {
        requestInit: { headers: { authorization: `Bearer ${key}` } },
      }),
    )
    return client
  }

  it('prints the URLs, credentials issued once and client snippets', () => {
    expect(up.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(up.adminToken).toMatch(/^wdn_admin_/)
    expect(Object.keys(up.keys).sort()).toEqual(['ops', 'reporter'])
    for (const snippet of [
      'mcpServers',
      '"stdio"',
      'MCPServerStreamableHttp',
      'MultiServerMCPClient',
      `${up.url}/mcp`,
    ]) {
      expect(up.out()).toContain(snippet)
    }
  })

  it('lists only the agent’s allowed tools under wire names, passes an allowed call and refuses a denied one', async () => {
    const client = await connect(up.keys['reporter'] as string)
    const names = (await client.listTools()).tools.map((t) => t.name)
    expect(names).toContain('files_read')
    expect(names).not.toContain('payments_transfer')
    expect(names.every((n) => /^[A-Za-z0-9_-]{1,64}$/.test(n))).toBe(true)
    const ok = (await client.callTool({
      name: 'files_read',
      arguments: { path: '/data/public/welcome.txt' },
    })) as CallToolResult
    expect(ok.isError, textOf(ok)).toBeFalsy()
    const denied = (await client.callTool({
      name: 'files_read',
      arguments: { path: '/data/backups/old/orders-2025.csv' },
    })) as CallToolResult
    expect(denied.isError).toBe(true)
    expect(denied.structuredContent).toMatchObject({ decision: 'deny' })
    expect(textOf(denied)).toMatch(/^[A-Z][A-Z0-9_]+: /)
    const hidden = (await client.callTool({
      name: 'payments_transfer',
      arguments: { to: 'x', amount: 1, currency: 'EUR' },
    })) as CallToolResult
    expect(hidden.isError).toBe(true)
    await client.close()
  })

  it('stops a paused agent mid-session with AGENT_PAUSED, and an emergency stop stops everyone', async () => {
    const client = await connect(up.keys['reporter'] as string)
    const read = { name: 'files_read', arguments: { path: '/data/public/welcome.txt' } }
    expect((await admin('/api/agents/reporter/pause', { reason: 'e2e pause' })).status).toBe(200)
    expect(((await client.callTool(read)) as CallToolResult).structuredContent).toMatchObject({
      code: 'AGENT_PAUSED',
    })
    expect((await admin('/api/agents/reporter/resume', { reason: 'e2e resume' })).status).toBe(200)
    expect(((await client.callTool(read)) as CallToolResult).isError).toBeFalsy()
    expect((await admin('/api/emergency-stop', { reason: 'e2e drill' })).status).toBe(200)
    expect(((await client.callTool(read)) as CallToolResult).structuredContent).toMatchObject({
      code: 'EMERGENCY_STOP',
    })
    expect((await admin('/api/emergency-stop/clear', { reason: 'e2e over' })).status).toBe(200)
    expect(((await client.callTool(read)) as CallToolResult).isError).toBeFalsy()
    await client.close()
  })

  it('refuses a wrong key (401), a foreign Host (403), and a terminated agent’s key', async () => {
    expect(
      (await fetch(`${up.url}/mcp`, { method: 'POST', headers: { authorization: 'Bearer wdn_agent_nope' } }))
        .status,
    ).toBe(401)
    expect((await fetch(`${up.url}/api/agents`)).status).toBe(401)
    expect((await admin('/api/agents/ops/terminate', { reason: 'e2e terminate' })).status).toBe(200)
    await expect(connect(up.keys['ops'] as string)).rejects.toThrow(/AGENT_TERMINATED/)
  })

  it('answers the audit routes with what the calls left, and a valid chain', async () => {
    const get = (path: string) =>
      fetch(`${up.url}${path}`, { headers: { authorization: `Bearer ${up.adminToken}` } })
    const audit = (await (await get('/api/audit?agent=reporter&limit=50')).json()) as {
      records: Array<{ agentId: string }>
    }
    expect(audit.records.length).toBeGreaterThan(0)
    expect(audit.records.every((r) => r.agentId === 'reporter')).toBe(true)
    expect(await (await get('/api/audit/verify')).json()).toMatchObject({ ok: true })
    const incidents = (await (await get('/api/incidents')).json()) as { incidents: Array<{ kind: string }> }
    expect(incidents.incidents.map((i) => i.kind)).toContain('terminated')
  })

  it('serves /healthz and /metrics', async () => {
    expect(await (await fetch(`${up.url}/healthz`)).json()).toMatchObject({ status: 'ok' })
    const text = await (await fetch(`${up.url}/metrics`)).text()
    expect(text).toMatch(/warden_tool_calls_total\{transport="http",decision="allow"\} [1-9]/)
    expect(text).toContain('warden_agents{state="terminated"} 1')
  })

  it('serves the same agent over stdio (`warden stdio --agent reporter`), as Claude Desktop spawns it', async () => {
    const client = new Client({ name: 'stdio-e2e', version: '1.0.0' })
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [BIN, 'stdio', '--agent', 'reporter', '--cwd', cwd],
        stderr: 'ignore',
      }),
    )
    const names = (await client.listTools()).tools.map((t) => t.name)
    expect(names).toContain('files_read')
    const ok = (await client.callTool({
      name: 'files_read',
      arguments: { path: '/data/public/welcome.txt' },
    })) as CallToolResult
    expect(ok.isError, textOf(ok)).toBeFalsy()
    const denied = (await client.callTool({
      name: 'files_read',
      arguments: { path: '/etc/passwd' },
    })) as CallToolResult
    expect(denied.isError).toBe(true)
    await client.close()
    // Two processes appended to one embedded store: the chain must still verify, with both sessions in it.
    const auth = { authorization: `Bearer ${up.adminToken}` }
    expect(await (await fetch(`${up.url}/api/audit/verify`, { headers: auth })).json()).toMatchObject({
      ok: true,
    })
    const audit = await fetch(`${up.url}/api/audit?agent=reporter&limit=1000`, { headers: auth })
    const records = ((await audit.json()) as { records: Array<{ sessionId?: string }> }).records
    expect(new Set(records.map((r) => r.sessionId)).size).toBeGreaterThan(1)
  }, 30_000)

  it('stops cleanly on SIGTERM, and a second start issues no new credentials', async () => {
    expect(await stop(up)).toBe(0)
    expect(up.out()).toContain('SIGTERM: stopping')
    const again = await startUp(cwd)
    try {
      expect(again.adminToken).toBeUndefined()
      expect(again.keys).toEqual({})
      expect(again.out()).toContain('issued on an earlier start')
    } finally {
      expect(await stop(again)).toBe(0)
    }
  }, 60_000)
})
