import type { Server } from '@modelcontextprotocol/sdk/server/index.js'
import {
  type CallToolRequest,
  CallToolRequestSchema,
  CallToolResultSchema,
  ErrorCode,
  JSONRPCRequestSchema,
  McpError,
  RELATED_TASK_META_KEY,
  type RequestId,
  SUPPORTED_PROTOCOL_VERSIONS,
} from '@modelcontextprotocol/sdk/types.js'
import type { GatewayApi } from '../gateway-api.js'
import type { AgentSession } from './agent-server.js'
import { callAgentTool } from './agent-tool-call.js'

/** A `tools/call` a session may answer without the SDK transport: its id and validated params. */
export interface DirectCall {
  readonly id: RequestId
  readonly params: CallToolRequest['params']
}

/**
 * The `tools/call` in a POST body that needs nothing from the MCP session but its answer, else undefined
 * (the request then goes through the SDK transport and server as any other). Why: for a plain call the
 * transport's per-message machinery (a web stream per answer, request correlation tables, an abort
 * controller, three schema parses) costs more than the gateway's whole decision pipeline.
 *
 * Direct only when all of these hold, so the answer is the one the SDK path would give:
 * - one JSON-RPC request (not a batch) that the SDK's own JSONRPCRequestSchema and CallToolRequestSchema
 *   accept (anything they refuse goes to the SDK, which words the error);
 * - no `Mcp-Protocol-Version` header, or one the SDK supports (else the SDK answers 400);
 * - no progress token, no task, no related task (those need messages on the call's stream);
 * - the client declared no elicitation (a `confirm` decision then asks on the call's stream);
 * - no call with the same id in flight on this session.
 * The caller has already checked the session (it exists, belongs to the key's agent, is initialized) and
 * the Accept, Content-Type and body size (read-json-body.ts), as the transport would.
 */
export function directCallOf(
  parsed: unknown,
  protocolVersion: string | null,
  server: Server,
  inFlight: ReadonlyMap<RequestId, AbortController>,
): DirectCall | undefined {
  if (!isSingleMessage(parsed, 'tools/call', protocolVersion)) return undefined
  if (server.getClientCapabilities()?.elicitation !== undefined) return undefined
  const message = JSONRPCRequestSchema.safeParse(parsed)
  if (!message.success || inFlight.has(message.data.id)) return undefined
  const request = CallToolRequestSchema.safeParse(message.data)
  if (!request.success) return undefined
  const { params } = request.data
  const meta = params._meta
  if (
    params.task !== undefined ||
    meta?.progressToken !== undefined ||
    meta?.[RELATED_TASK_META_KEY] !== undefined
  )
    return undefined
  return { id: message.data.id, params }
}

/**
 * Whether a POST body is one JSON-RPC message (not a batch) of `method`, under a protocol version the SDK
 * supports or none: the first filter of the messages the session answers itself. The SDK's schemas decide
 * the rest.
 */
export function isSingleMessage(parsed: unknown, method: string, protocolVersion: string | null): boolean {
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return false
  if ((parsed as { method?: unknown }).method !== method) return false
  return protocolVersion === null || SUPPORTED_PROTOCOL_VERSIONS.includes(protocolVersion)
}

/**
 * Answers a direct call exactly as the SDK server would: the same gateway call (agent-tool-call.ts), the
 * result checked against CallToolResultSchema (a result it refuses becomes the same InvalidParams error),
 * a thrown error as a JSON-RPC error, and the answer as one `message` event with the transport's headers.
 * A call cancelled by `notifications/cancelled` (its controller in `inFlight` aborted) gets no answer, as
 * in the SDK: the event stream ends empty.
 */
export async function answerDirectCall(
  call: DirectCall,
  gateway: GatewayApi,
  session: AgentSession,
  inFlight: Map<RequestId, AbortController>,
): Promise<Response> {
  const controller = new AbortController()
  inFlight.set(call.id, controller)
  let message: unknown
  try {
    const result = CallToolResultSchema.safeParse(
      await callAgentTool(gateway, session, call.params, { signal: controller.signal }),
    )
    if (!result.success) {
      throw new McpError(ErrorCode.InvalidParams, `Invalid tools/call result: ${result.error.message}`)
    }
    message = { result: result.data, jsonrpc: '2.0', id: call.id }
  } catch (error) {
    message = { jsonrpc: '2.0', id: call.id, error: errorOf(error) }
  } finally {
    inFlight.delete(call.id)
  }
  const body = controller.signal.aborted ? '' : `event: message\ndata: ${JSON.stringify(message)}\n\n`
  return new Response(body, { status: 200, headers: eventStreamHeaders(session.sessionId) })
}

/** The headers the SDK's Streamable HTTP transport sends with an answer stream. */
function eventStreamHeaders(sessionId: string): Record<string, string> {
  return {
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
    'mcp-session-id': sessionId,
  }
}

// As the SDK's Protocol words a handler's error.
function errorOf(error: unknown): { code: number; message: string; data?: unknown } {
  const e = error as { code?: unknown; message?: unknown; data?: unknown }
  return {
    code: Number.isSafeInteger(e?.code) ? (e.code as number) : ErrorCode.InternalError,
    message: typeof e?.message === 'string' ? e.message : 'Internal error',
    ...(e?.data === undefined ? {} : { data: e.data }),
  }
}
