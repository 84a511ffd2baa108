import { Server } from '@modelcontextprotocol/sdk/server/index.js'
import {
  CallToolRequestSchema,
  ListToolsRequestSchema,
  type ServerNotification,
} from '@modelcontextprotocol/sdk/types.js'
import type { GatewayApi } from '../gateway-api.js'
import { callAgentTool } from './agent-tool-call.js'
import { elicitConfirm } from './elicit-confirm.js'
import { wireTools } from './wire-tools.js'

/** Who a session belongs to and where its calls are counted. */
export interface AgentSession {
  /** Set by the transport from the agent's key or the stdio command line, never from the client. */
  readonly agentId: string
  readonly sessionId: string
  readonly transport: 'http' | 'stdio'
  readonly observe?: (decision: string, seconds: number) => void
}

/**
 * One MCP server for one client session of one agent (the SDK's Server holds per-session state, so sessions
 * never share one). tools/list shows what the gateway lets this agent see, under wire names; tools/call maps
 * the name back and hands the call to the gateway, with the client's cancellation signal and, when the client
 * gave a progress token, its progress notifications. A refusal comes back as the gateway's coded tool error.
 */
export function createAgentServer(gateway: GatewayApi, session: AgentSession): Server {
  const server = new Server(
    { name: 'warden', version: '0.1.0' },
    {
      capabilities: { tools: { listChanged: true } },
      instructions:
        'Tools behind Warden. A refused call returns an error whose text starts with a code (e.g. AGENT_PAUSED) and the reason.',
    },
  )
  server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: wireTools(gateway, session.agentId),
  }))
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const progressToken = request.params._meta?.progressToken
    const progress = progressRelay(progressToken, extra.sendNotification)
    const confirm = elicitConfirm(server, extra.requestId)
    const result = await callAgentTool(gateway, session, request.params, {
      signal: extra.signal,
      ...(progressToken === undefined ? {} : { onProgress: (p) => progress.send(p) }),
      ...(confirm === undefined ? {} : { confirm }),
    })
    // Progress the tool reported before it finished goes out before the result, never after it.
    await progress.flushed()
    return result
  })
  const stop = gateway.onToolsChanged(() => {
    void server.sendToolListChanged().catch(() => undefined)
  })
  const previous = server.onclose
  server.onclose = () => {
    stop()
    previous?.()
  }
  return server
}

/**
 * Forwards progress as `notifications/progress` in order, one at a time; `flushed` resolves once every
 * notification sent so far is out. A failed notification is dropped: progress is advice, the result is not.
 */
function progressRelay(
  token: string | number | undefined,
  send: (n: ServerNotification) => Promise<void>,
): { send(p: { progress: number; total?: number; message?: string }): void; flushed(): Promise<void> } {
  let chain = Promise.resolve()
  return {
    send(p) {
      if (token === undefined) return
      const params = {
        progressToken: token,
        progress: p.progress,
        ...(p.total === undefined ? {} : { total: p.total }),
        ...(p.message === undefined ? {} : { message: p.message }),
      }
      chain = chain.then(() => send({ method: 'notifications/progress', params })).catch(() => undefined)
    },
    flushed: () => chain,
  }
}
