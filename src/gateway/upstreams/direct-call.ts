import { StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import {
  type CallToolResult,
  CallToolResultSchema,
  ErrorCode,
  type JSONRPCMessage,
  JSONRPCMessageSchema,
  McpError,
} from '@modelcontextprotocol/sdk/types.js'
import { createParser } from 'eventsource-parser'
import type { Dispatcher } from 'undici'

/** Where and how a direct call goes, and how it talks back to the SDK client that owns the session. */
export interface DirectCallTarget {
  readonly dispatcher: Dispatcher
  readonly url: URL
  /** The SDK transport's headers for this session: the configured ones, `mcp-session-id`, `mcp-protocol-version`. */
  readonly headers: Readonly<Record<string, string>>
  /** Aborted when the SDK client's connection closes: calls in flight fail with ConnectionClosed, as its own do. */
  readonly closed: AbortSignal
  /** Hands a server message seen on the call's stream (a notification, a request) to the SDK client. */
  readonly deliver: (message: JSONRPCMessage) => void
  /** Tells the server the call is abandoned (notifications/cancelled, sent through the SDK client). */
  readonly cancel: (requestId: string, reason: string) => void
}

let nextId = 0

/**
 * One `tools/call` POSTed to an HTTP upstream without the SDK client's per-request machinery (its
 * Protocol bookkeeping, a fetch Response per answer, a web-stream pipeline for event streams), measured at
 * about half the client-side CPU of `client.callTool`. It fails as `callTool` fails, so the caller's error
 * handling is unchanged: a JSON-RPC error answer as `McpError`, no answer within `timeoutMs` as
 * `McpError(RequestTimeout)` after telling the server (notifications/cancelled), the caller's abort as its
 * reason after telling the server, an HTTP error status as `StreamableHTTPError`, a result the SDK's
 * `CallToolResultSchema` refuses as that schema's error. Other messages on the call's event stream
 * (notifications, server requests) go to the SDK client, which handles them as if it had read them.
 *
 * The id is a string (`warden-<n>`), so it never meets the SDK client's numeric ids on the same session.
 * Not used for calls that need what only the SDK client does (progress, output schemas, tasks: see
 * UpstreamConnection), and not for stdio upstreams.
 */
export async function directToolCall(
  target: DirectCallTarget,
  params: { readonly name: string; readonly arguments: Record<string, unknown> },
  options: { readonly signal: AbortSignal; readonly timeoutMs: number },
): Promise<CallToolResult> {
  const id = `warden-${nextId++}`
  const request = new AbortController()
  // As the SDK's Protocol cancels: tell the server, then fail with an McpError (the reason, or wrapping it).
  let why: McpError | undefined
  const stop = (reason: unknown) => {
    if (why !== undefined) return
    why = reason instanceof McpError ? reason : new McpError(ErrorCode.RequestTimeout, String(reason))
    target.cancel(id, String(reason))
    request.abort(why)
  }
  const timeout = options.timeoutMs
  const timer = setTimeout(
    () => stop(McpError.fromError(ErrorCode.RequestTimeout, 'Request timed out', { timeout })),
    timeout,
  )
  const onAbort = () => stop(options.signal.reason)
  const onClosed = () => stop(new McpError(ErrorCode.ConnectionClosed, 'Connection closed'))
  options.signal.addEventListener('abort', onAbort, { once: true })
  if (target.closed.aborted) onClosed()
  else target.closed.addEventListener('abort', onClosed, { once: true })
  try {
    const response = await target.dispatcher.request({
      origin: target.url.origin,
      path: `${target.url.pathname}${target.url.search}`,
      method: 'POST',
      headers: {
        ...target.headers,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params }),
      signal: request.signal,
    })
    const answer = await answerOf(response, id, target.deliver)
    if ('error' in answer)
      throw McpError.fromError(answer.error.code, answer.error.message, answer.error.data)
    const result = CallToolResultSchema.safeParse(answer.result)
    if (!result.success) throw result.error
    return result.data
  } catch (error) {
    throw why ?? error
  } finally {
    clearTimeout(timer)
    options.signal.removeEventListener('abort', onAbort)
    target.closed.removeEventListener('abort', onClosed)
  }
}

type Answer =
  | { readonly result: unknown }
  | { readonly error: { readonly code: number; readonly message: string; readonly data?: unknown } }

// The answer to request `id` in a JSON body or an event stream, as the SDK transport reads them.
async function answerOf(
  response: Dispatcher.ResponseData,
  id: string,
  deliver: (message: JSONRPCMessage) => void,
): Promise<Answer> {
  const status = response.statusCode
  if (status < 200 || status >= 300) {
    const text = await response.body.text().catch(() => null)
    throw new StreamableHTTPError(status, `Error POSTing to endpoint: ${text}`)
  }
  const type = mediaType(response.headers['content-type'])
  if (type === 'application/json') {
    const data = (await response.body.json()) as unknown
    const messages = (Array.isArray(data) ? data : [data]).map((m) => JSONRPCMessageSchema.parse(m))
    let answer: Answer | undefined
    for (const message of messages) {
      const mine = answerIn(message, id)
      if (mine !== undefined) answer ??= mine
      else deliver(message)
    }
    if (answer === undefined) throw new Error('the upstream answered without a response to the call')
    return answer
  }
  if (type === 'text/event-stream') return answerInStream(response.body, id, deliver)
  await response.body.dump()
  throw new StreamableHTTPError(-1, `Unexpected content type: ${response.headers['content-type']}`)
}

// Reads events until the call's answer; the rest of the stream is dropped with it (the answer ends the call).
async function answerInStream(
  body: Dispatcher.ResponseData['body'],
  id: string,
  deliver: (message: JSONRPCMessage) => void,
): Promise<Answer> {
  let answer: Answer | undefined
  const parser = createParser({
    onEvent(event) {
      if (answer !== undefined || event.data === '') return
      if (event.event !== undefined && event.event !== 'message') return
      let message: JSONRPCMessage
      try {
        message = JSONRPCMessageSchema.parse(JSON.parse(event.data))
      } catch {
        return // the SDK transport reports such an event to onerror and reads on
      }
      const mine = answerIn(message, id)
      if (mine !== undefined) answer = mine
      else deliver(message)
    },
  })
  const decoder = new TextDecoder()
  // destroyOnReturn false: leaving the loop at the answer must not destroy the body (see drainAfterAnswer).
  for await (const chunk of body.iterator({ destroyOnReturn: false })) {
    parser.feed(decoder.decode(chunk as Uint8Array, { stream: true }))
    if (answer !== undefined) {
      drainAfterAnswer(body)
      return answer
    }
  }
  throw new Error('the upstream ended the event stream without answering the call')
}

// The server ends the stream once the answer is out; reading to that end keeps the connection for the next
// call (destroying the body mid-stream would close it). A stream still open a second later is cut.
function drainAfterAnswer(body: Dispatcher.ResponseData['body']): void {
  const cut = setTimeout(() => body.destroy(), 1_000)
  cut.unref()
  body.on('close', () => clearTimeout(cut))
  body.on('error', () => undefined)
  body.resume()
}

function answerIn(message: JSONRPCMessage, id: string): Answer | undefined {
  if (!('id' in message) || message.id !== id || 'method' in message) return undefined
  if ('error' in message) return { error: message.error }
  return 'result' in message ? { result: message.result } : undefined
}

function mediaType(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header
  return (value ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
}
