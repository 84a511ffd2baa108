import { randomUUID } from 'node:crypto'
import type { Readable, Writable } from 'node:stream'
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js'
import type { GatewayApi } from '../gateway-api.js'
import { createAgentServer } from './agent-server.js'

/** A running stdio session: resolves `closed` when the client hangs up. */
export interface StdioSession {
  readonly sessionId: string
  readonly closed: Promise<void>
  close(): Promise<void>
}

/**
 * The gateway over stdio for one agent: the agent is the one named on the command line of the process the
 * MCP client spawned (whoever can spawn it could read its config anyway); stdout carries only MCP messages.
 */
export async function serveStdio(
  gateway: GatewayApi,
  agentId: string,
  streams: { stdin: Readable; stdout: Writable; observe?: (decision: string, seconds: number) => void },
): Promise<StdioSession> {
  const sessionId = randomUUID()
  const server = createAgentServer(gateway, {
    agentId,
    sessionId,
    transport: 'stdio',
    ...(streams.observe === undefined ? {} : { observe: streams.observe }),
  })
  const transport = new StdioServerTransport(streams.stdin, streams.stdout)
  const closed = new Promise<void>((resolve) => {
    const previous = server.onclose
    server.onclose = () => {
      previous?.()
      resolve()
    }
    // StdioServerTransport does not notice end of input: a client that exits must end the session.
    streams.stdin.once('end', () => void server.close())
    streams.stdin.once('close', () => void server.close())
  })
  await server.connect(transport)
  return { sessionId, closed, close: () => server.close() }
}
