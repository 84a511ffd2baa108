import { PassThrough } from 'node:stream'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js'
import { type CallToolResult, ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type StdioSession, serveStdio } from '../../src/gateway/mcp/serve-stdio.js'
import { FakeGateway } from './fake-gateway.js'

let gateway: FakeGateway
let session: StdioSession
let client: Client
let toServer: PassThrough

beforeEach(async () => {
  gateway = await FakeGateway.open()
  toServer = new PassThrough()
  const toClient = new PassThrough()
  session = await serveStdio(gateway, 'reporter', { stdin: toServer, stdout: toClient })
  client = new Client({ name: 'stdio-e2e', version: '1.0.0' })
  // The server transport is direction-agnostic: it reads JSON-RPC lines from one stream and writes to another.
  await client.connect(new StdioServerTransport(toClient, toServer))
})
afterEach(async () => {
  await client.close().catch(() => undefined)
  await session.close()
  await gateway.close()
})

describe('MCP over stdio (in process)', () => {
  it('lists the agent’s tools under wire names and runs an allowed call as that agent', async () => {
    expect((await client.listTools()).tools.map((t) => t.name).sort()).toEqual([
      'files_read',
      'github__search_issues',
      'slow_task',
    ])
    const ok = (await client.callTool({
      name: 'github__search_issues',
      arguments: { q: 'bug' },
    })) as CallToolResult
    expect(ok.isError).toBeFalsy()
    expect(gateway.calls.at(-1)).toMatchObject({
      agentId: 'reporter',
      tool: 'github/search_issues',
      sessionId: session.sessionId,
    })
  })

  it('returns denials and a pause as coded tool errors', async () => {
    const denied = (await client.callTool({
      name: 'files_read',
      arguments: { path: '/etc/shadow' },
    })) as CallToolResult
    expect(denied.structuredContent).toMatchObject({ code: 'FILES_PATH_DENIED' })
    await gateway.killSwitch.pause('reporter', 'operator says stop')
    const paused = (await client.callTool({ name: 'github__search_issues', arguments: {} })) as CallToolResult
    expect(paused.isError).toBe(true)
    expect(paused.structuredContent).toMatchObject({ code: 'AGENT_PAUSED' })
  })

  it('tells the client when the tool list changes', async () => {
    let notified = false
    client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
      notified = true
    })
    gateway.toolsChanged()
    await expect.poll(() => notified).toBe(true)
  })

  it('ends the session when the client closes its side', async () => {
    toServer.end()
    await expect(session.closed).resolves.toBeUndefined()
  })
})
