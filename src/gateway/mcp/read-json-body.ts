/** A POST body read ahead of the MCP transport: the parsed JSON, an error response, or nothing read. */
export type ReadBody = { readonly parsed: unknown } | { readonly response: Response } | undefined

/**
 * Reads and parses a JSON-RPC POST body when its size is declared and within `maxBytes`, so the SDK
 * transport can take it as `parsedBody`. Why: the transport otherwise reads `request.body` as a web stream,
 * which makes the HTTP adapter build a full fetch `Request` (headers, abort signal, stream) for every call;
 * `text()` reads the socket directly. The HTTP parser stops at the declared Content-Length, so the limit
 * holds. Anything else (no Content-Length, a chunked body, not JSON, too large) is left to the transport,
 * which applies the same checks and gives its own answers.
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<ReadBody> {
  if (request.method !== 'POST') return undefined
  const declared = request.headers.get('content-length')
  if (declared === null || !/^\d{1,12}$/.test(declared) || Number(declared) > maxBytes) return undefined
  if (!isJson(request.headers.get('content-type'))) return undefined
  const accept = request.headers.get('accept')
  if (accept === null || !accept.includes('application/json') || !accept.includes('text/event-stream'))
    return undefined
  const text = await request.text()
  try {
    return { parsed: JSON.parse(text) as unknown }
  } catch {
    // The transport's own answer to a body that is not JSON (it can no longer read the consumed body).
    return {
      response: Response.json(
        { jsonrpc: '2.0', error: { code: -32700, message: 'Parse error: Invalid JSON' }, id: null },
        { status: 400 },
      ),
    }
  }
}

function isJson(contentType: string | null): boolean {
  if (contentType === null) return false
  return contentType.split(';')[0]?.trim().toLowerCase() === 'application/json'
}
