import { randomUUID } from 'node:crypto'
import type { Server } from '@modelcontextprotocol/sdk/server/index.js'
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js'
import type { RequestId } from '@modelcontextprotocol/sdk/types.js'
import type { GatewayApi } from '../gateway-api.js'
import { type AgentSession, createAgentServer } from './agent-server.js'
import { cancelledRequestOf } from './cancelled-request.js'
import { answerDirectCall, directCallOf } from './direct-tool-call.js'
import { readJsonBody } from './read-json-body.js'
import { settleEventStream } from './settle-event-stream.js'

/** Limits of the session table (see GATEWAY_DEFAULTS). */
export interface McpHttpSessionsOptions {
  readonly maxBodyBytes: number
  readonly maxSessions: number
  /** A session unused this long is closed when room is needed for a new one. */
  readonly idleMs: number
  /** How long an answer may be held to send it as one body when it completes at once (see settleEventStream). */
  readonly settleMs?: number
  readonly observe?: (decision: string, seconds: number) => void
  /** Answer plain tools/call requests without the SDK transport (direct-tool-call.ts); default true. */
  readonly directCalls?: boolean
}

interface Live {
  readonly agentId: string
  readonly session: AgentSession
  readonly transport: WebStandardStreamableHTTPServerTransport
  readonly server: Server
  /** Direct calls in flight, by request id (notifications/cancelled aborts them). */
  readonly inFlight: Map<RequestId, AbortController>
  lastUsedMs: number
}

/**
 * MCP over Streamable HTTP: one transport and one server per client session, each bound to the agent whose
 * key opened it. A request carrying another agent's session id gets the same 404 as an unknown id, so a key
 * can neither use nor discover someone else's session.
 */
export class McpHttpSessions {
  readonly #gateway: GatewayApi
  readonly #options: McpHttpSessionsOptions
  readonly #live = new Map<string, Live>()

  constructor(gateway: GatewayApi, options: McpHttpSessionsOptions) {
    this.#gateway = gateway
    this.#options = options
  }

  get size(): number {
    return this.#live.size
  }

  /** Answers one request of an authenticated agent (POST, GET or DELETE on /mcp). */
  async handle(request: Request, agentId: string): Promise<Response> {
    const sessionId = request.headers.get('mcp-session-id')
    if (sessionId !== null) {
      const live = this.#live.get(sessionId)
      if (live === undefined || live.agentId !== agentId) {
        return coded(404, 'MCP_SESSION_NOT_FOUND', 'no such session: start a new one with initialize')
      }
      live.lastUsedMs = Date.now()
      return this.#forward(live.transport, request, live)
    }
    if (request.method !== 'POST') {
      return coded(400, 'MCP_SESSION_REQUIRED', 'an Mcp-Session-Id header is required (initialize first)')
    }
    await this.#evictIdle()
    if (this.#live.size >= this.#options.maxSessions) {
      return coded(503, 'MCP_SESSIONS_FULL', 'too many open MCP sessions; close unused ones and retry')
    }
    return this.#open(request, agentId)
  }

  async #open(request: Request, agentId: string): Promise<Response> {
    const id = randomUUID()
    const session: AgentSession = {
      agentId,
      sessionId: id,
      transport: 'http',
      ...(this.#options.observe === undefined ? {} : { observe: this.#options.observe }),
    }
    const server = createAgentServer(this.#gateway, session)
    // Direct calls in flight end with the session, as the SDK server aborts its own handlers when its
    // transport closes (termination, DELETE, eviction, gateway close).
    const inFlight = new Map<RequestId, AbortController>()
    const abortInFlight = () => {
      for (const controller of inFlight.values()) controller.abort()
    }
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => id,
      maxRequestBodySize: this.#options.maxBodyBytes,
      onsessioninitialized: () => {
        this.#live.set(id, {
          agentId,
          session,
          transport,
          server,
          inFlight,
          lastUsedMs: Date.now(),
        })
      },
      // DELETE: the transport closes after this, and onclose (below) aborts the calls in flight.
      onsessionclosed: () => {
        this.#live.delete(id)
      },
    })
    transport.onclose = () => {
      abortInFlight()
      this.#live.delete(id)
    }
    await server.connect(transport)
    const response = await this.#forward(transport, request)
    // Anything but a successful initialize leaves no session behind.
    if (!this.#live.has(id)) await server.close().catch(() => undefined)
    return response
  }

  /**
   * Hands a request to a session's transport, with its JSON body already read where that is cheaper; a plain
   * tools/call of a live session is answered directly, and a cancellation of such a call aborts it.
   */
  async #forward(
    transport: WebStandardStreamableHTTPServerTransport,
    request: Request,
    live?: Live,
  ): Promise<Response> {
    const body = await readJsonBody(request, this.#options.maxBodyBytes)
    if (body === undefined) return transport.handleRequest(request)
    if ('response' in body) return body.response
    if (live !== undefined && this.#options.directCalls !== false) {
      const version = request.headers.get('mcp-protocol-version')
      const call = directCallOf(body.parsed, version, live.server, live.inFlight)
      if (call !== undefined) return answerDirectCall(call, this.#gateway, live.session, live.inFlight)
      const cancelled = cancelledRequestOf(body.parsed, version, live.inFlight)
      if (cancelled !== undefined) {
        cancelled.abort()
        return new Response(null, { status: 202 })
      }
    }
    const response = await transport.handleRequest(request, { parsedBody: body.parsed })
    return this.#options.settleMs === undefined
      ? response
      : settleEventStream(response, this.#options.settleMs)
  }

  /** Closes every session of an agent (on termination: its open streams end at once). */
  async closeAgent(agentId: string): Promise<void> {
    const mine = [...this.#live].filter(([, live]) => live.agentId === agentId)
    await Promise.all(mine.map(([id, live]) => this.#close(id, live)))
  }

  async close(): Promise<void> {
    await Promise.all([...this.#live].map(([id, live]) => this.#close(id, live)))
  }

  async #evictIdle(): Promise<void> {
    const cutoff = Date.now() - this.#options.idleMs
    const idle = [...this.#live].filter(([, live]) => live.lastUsedMs < cutoff)
    await Promise.all(idle.map(([id, live]) => this.#close(id, live)))
  }

  async #close(id: string, live: Live): Promise<void> {
    this.#live.delete(id)
    await live.server.close().catch(() => undefined)
  }
}

function coded(status: number, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status })
}
