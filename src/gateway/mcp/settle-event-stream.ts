const PENDING = Symbol('pending')

type Read = Awaited<ReturnType<ReadableStreamDefaultReader<Uint8Array>['read']>>

/**
 * An MCP answer that the transport streams as server-sent events, sent as one buffered body when it is
 * complete at once. Why: most tools/call answers are a single event (the result: no progress, no
 * elicitation), and streaming them costs the headers, the event and the chunked end as three writes on
 * both ends. The answer is held at most `waitMs` for its first event, and one more turn of the event loop to
 * see it end; anything else (a progress notification, an elicitation, a slow tool) streams as before, with
 * what was already read sent first. The bytes are those the transport produced, in the same order.
 */
export async function settleEventStream(response: Response, waitMs: number): Promise<Response> {
  const body = response.body
  if (body === null || !(response.headers.get('content-type') ?? '').startsWith('text/event-stream'))
    return response
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let pending: Promise<Read> | undefined = reader.read()
  for (const wait of [waitMs, 0]) {
    const result = await within(pending, wait)
    if (result === PENDING) break
    pending = undefined
    if (result.done)
      return new Response(concat(chunks), { status: response.status, headers: response.headers })
    chunks.push(result.value)
    pending = reader.read()
  }
  return new Response(replay(reader, chunks, pending), { status: response.status, headers: response.headers })
}

// Resolves with the read, or PENDING after `ms` (0: after the current turn of the event loop). A failed read
// is PENDING too: the replayed stream then fails where the transport's would have.
function within(read: Promise<Read>, ms: number): Promise<Read | typeof PENDING> {
  return new Promise((resolve) => {
    const timer = ms === 0 ? setImmediate(() => resolve(PENDING)) : setTimeout(() => resolve(PENDING), ms)
    read.then(
      (r) => {
        if (ms === 0) clearImmediate(timer as NodeJS.Immediate)
        else clearTimeout(timer as NodeJS.Timeout)
        resolve(r)
      },
      () => resolve(PENDING),
    )
  })
}

function replay(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  chunks: Uint8Array[],
  pending: Promise<Read> | undefined,
): ReadableStream<Uint8Array> {
  let next = pending
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const chunk = chunks.shift()
      if (chunk !== undefined) return controller.enqueue(chunk)
      const result = await (next ?? reader.read())
      next = undefined
      if (result.done) controller.close()
      else controller.enqueue(result.value)
    },
    // The client went away: the transport's stream is cancelled as it would have been.
    cancel: (reason) => reader.cancel(reason),
  })
}

// One chunk (the usual single event) is sent as it is; Buffer.concat would copy it.
function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const [only] = chunks
  return chunks.length === 1 && only !== undefined ? only : Buffer.concat(chunks)
}
