import { describe, expect, it } from 'vitest'
import { readJsonBody } from './read-json-body.js'

function post(body: string, headers: Record<string, string> = {}): Request {
  return new Request('http://127.0.0.1/mcp', {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'content-length': String(Buffer.byteLength(body)),
      ...headers,
    },
  })
}

describe('readJsonBody', () => {
  it('parses a declared, small JSON body for the transport', async () => {
    const body = await readJsonBody(post('{"jsonrpc":"2.0","id":1,"method":"ping"}'), 1_000)
    expect(body).toEqual({ parsed: { jsonrpc: '2.0', id: 1, method: 'ping' } })
  })

  it('leaves a body over the limit to the transport (which answers 413) without reading it', async () => {
    const request = post(`{"x":"${'a'.repeat(2_000)}"}`)
    expect(await readJsonBody(request, 1_000)).toBeUndefined()
    expect(request.bodyUsed).toBe(false)
  })

  it('leaves bodies without a plain Content-Length, JSON type or both accepted types to the transport', async () => {
    expect(await readJsonBody(post('{}', { 'content-length': '+2' }), 1_000)).toBeUndefined()
    expect(await readJsonBody(post('{}', { 'content-type': 'text/plain' }), 1_000)).toBeUndefined()
    expect(await readJsonBody(post('{}', { accept: 'application/json' }), 1_000)).toBeUndefined()
    const get = new Request('http://127.0.0.1/mcp', { method: 'GET' })
    expect(await readJsonBody(get, 1_000)).toBeUndefined()
  })

  it('answers a body that is not JSON with the JSON-RPC parse error', async () => {
    const body = await readJsonBody(post('{"jsonrpc":'), 1_000)
    expect(body !== undefined && 'response' in body).toBe(true)
    if (body === undefined || !('response' in body)) return
    expect(body.response.status).toBe(400)
    expect(await body.response.json()).toMatchObject({ error: { code: -32700 }, id: null })
  })
})
