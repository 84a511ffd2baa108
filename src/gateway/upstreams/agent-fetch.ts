import { setMaxListeners } from 'node:events'
import { Readable } from 'node:stream'
import type { ReadableStream as NodeReadableStream } from 'node:stream/web'
import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js'
import { Agent } from 'undici'

/** Statuses whose Response must not have a body (the Fetch standard's null body statuses). */
const NULL_BODY = new Set([101, 103, 204, 205, 304])

/**
 * A `fetch` for the upstream MCP client over one undici Agent (keep-alive connections per origin), without
 * the Fetch standard's per-request machinery (Request object, CORS and redirect bookkeeping, body
 * extraction): a call to an HTTP upstream costs one `agent.request` and one small Response. A JSON answer
 * is read whole (as text) before it is handed over; an event stream (`text/event-stream`) is streamed.
 * Redirects come back unfollowed, as the SDK's `redirect: 'manual'` asks (it follows same-origin ones itself);
 * a body it does not know how to send goes through the global fetch.
 */
export function agentFetch(agent: Agent): FetchLike {
  return async function upstreamFetch(url, init = {}) {
    const body = init.body
    if (body !== undefined && body !== null && typeof body !== 'string' && !(body instanceof Uint8Array)) {
      return fetch(url, init)
    }
    const target = typeof url === 'string' ? new URL(url) : url
    // The SDK passes one signal (its transport's) to every request: each call in flight listens on it, so
    // under load the default limit of 10 would print a "possible leak" warning per call.
    if (init.signal) setMaxListeners(0, init.signal)
    const answer = await agent.request({
      origin: target.origin,
      path: `${target.pathname}${target.search}`,
      method: (init.method ?? 'GET') as 'GET',
      headers: plainHeaders(init.headers),
      body: body ?? null,
      signal: init.signal ?? null,
    })
    const headers = new Headers()
    for (const [name, value] of Object.entries(answer.headers)) {
      if (Array.isArray(value)) for (const v of value) headers.append(name, v)
      else if (value !== undefined) headers.set(name, value)
    }
    const status = answer.statusCode
    if (NULL_BODY.has(status) || init.method === 'HEAD') {
      await answer.body.dump()
      return new Response(null, { status, headers })
    }
    if ((headers.get('content-type') ?? '').toLowerCase().startsWith('text/event-stream')) {
      const stream = Readable.toWeb(answer.body) as NodeReadableStream<Uint8Array>
      return new Response(stream as unknown as ReadableStream<Uint8Array>, { status, headers })
    }
    const text = await answer.body.text()
    return withText(new Response(text, { status, headers }), text)
  }
}

/**
 * The SDK reads a JSON answer with `json()`: parse the text already in hand, rather than have the Response
 * build and drain a body stream for it (under @hono/node-server a string-bodied Response stays lightweight
 * until a body method is called).
 */
function withText(response: Response, text: string): Response {
  Object.defineProperties(response, {
    json: { value: async () => JSON.parse(text) as unknown },
    text: { value: async () => text },
  })
  return response
}

/** A keep-alive Agent for upstream calls (undici unrefs idle sockets, so it never holds the process open). */
export function upstreamAgent(): Agent {
  return new Agent({ keepAliveTimeout: 30_000, connections: 64 })
}

function plainHeaders(headers: RequestInit['headers']): Record<string, string> {
  if (headers === undefined) return {}
  if (headers instanceof Headers) return Object.fromEntries(headers)
  if (Array.isArray(headers)) return Object.fromEntries(headers)
  return { ...(headers as Record<string, string>) }
}
