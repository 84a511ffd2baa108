import { describe, expect, it } from 'vitest'
import { settleEventStream } from './settle-event-stream.js'

const SSE = { 'content-type': 'text/event-stream', 'mcp-session-id': 's1' }
const bytes = (text: string) => new TextEncoder().encode(text)

/** An event stream the test writes to by hand. */
function source() {
  let controller!: ReadableStreamDefaultController<Uint8Array>
  let cancelled: unknown = 'not cancelled'
  const stream = new ReadableStream<Uint8Array>({
    start: (c) => {
      controller = c
    },
    cancel: (reason) => {
      cancelled = reason
    },
  })
  return {
    response: new Response(stream, { status: 200, headers: SSE }),
    send: (text: string) => controller.enqueue(bytes(text)),
    end: () => controller.close(),
    fail: (error: Error) => controller.error(error),
    cancelled: () => cancelled,
  }
}

describe('settleEventStream', () => {
  it('sends a one-event answer that ends at once as one body, bytes and headers unchanged', async () => {
    const s = source()
    s.send('event: message\ndata: {"result":{}}\n\n')
    s.end()
    const settled = await settleEventStream(s.response, 1_000)
    expect(settled.status).toBe(200)
    expect(settled.headers.get('mcp-session-id')).toBe('s1')
    expect(settled.headers.get('content-type')).toBe('text/event-stream')
    expect(await settled.text()).toBe('event: message\ndata: {"result":{}}\n\n')
  })

  it('streams an answer whose first event is followed by more (progress is not held back to the end)', async () => {
    const s = source()
    s.send('data: progress 1\n\n')
    const settled = await settleEventStream(s.response, 1_000)
    // It resolved while the answer is still open: the first event can reach the client now.
    const reader = settled.body!.getReader()
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('data: progress 1\n\n')
    s.send('data: result\n\n')
    s.end()
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('data: result\n\n')
    expect((await reader.read()).done).toBe(true)
  })

  it('streams an answer that has no event yet after the wait (a slow tool), then everything in order', async () => {
    const s = source()
    const settled = await settleEventStream(s.response, 5)
    s.send('data: a\n\n')
    s.send('data: b\n\n')
    s.end()
    expect(await settled.text()).toBe('data: a\n\ndata: b\n\n')
  })

  it('cancels the transport’s stream when the client goes away', async () => {
    const s = source()
    const settled = await settleEventStream(s.response, 5)
    await settled.body!.cancel('client gone')
    expect(s.cancelled()).toBe('client gone')
  })

  it('fails the stream where the transport’s failed', async () => {
    const s = source()
    const settled = await settleEventStream(s.response, 5)
    s.fail(new Error('broken'))
    await expect(settled.text()).rejects.toThrow('broken')
  })

  it('leaves JSON answers and bodiless answers as they are', async () => {
    const json = Response.json({ ok: true })
    expect(await settleEventStream(json, 5)).toBe(json)
    const accepted = new Response(null, { status: 202 })
    expect(await settleEventStream(accepted, 5)).toBe(accepted)
  })
})
