import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js'
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { KEYS } from '../../../test/gateway/fake-gateway.js'
import { type FakeHttp, openFakeHttp } from '../../../test/gateway/fake-http.js'
import { bearer } from '../../../test/gateway/tokens.js'

const HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g

/** One app over its own fake gateway, with one open session of the reporter agent. */
interface Side extends FakeHttp {
  readonly session: string
}

async function side(directCalls: boolean, capabilities: Record<string, unknown> = {}): Promise<Side> {
  const fake = await openFakeHttp({ directCalls })
  const init = await fake.http.app.request('http://localhost/mcp', {
    method: 'POST',
    headers: { ...HEADERS, ...bearer(KEYS.reporter) },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 0,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities, clientInfo: { name: 't', version: '1' } },
    }),
  })
  const session = init.headers.get('mcp-session-id')
  if (session === null) throw new Error(`initialize failed: ${init.status}`)
  return { ...fake, session }
}

function post(s: Side, body: string, version: string | null = '2025-06-18'): Promise<Response> {
  return Promise.resolve(
    s.http.app.request('http://localhost/mcp', {
      method: 'POST',
      headers: {
        ...HEADERS,
        // As an HTTP client sends it: the direct path (like the body read ahead of it) needs a declared length.
        'content-length': String(Buffer.byteLength(body)),
        'mcp-session-id': s.session,
        ...(version === null ? {} : { 'mcp-protocol-version': version }),
        ...bearer(KEYS.reporter),
      },
      body,
    }),
  )
}

/** What a client can observe of an answer, with session ids and action ids made comparable. */
async function observed(s: Side, res: Response): Promise<unknown> {
  const text = (await res.text()).replaceAll(s.session, '<session>').replace(UUID, '<uuid>')
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    session: res.headers.get('mcp-session-id')?.replace(s.session, '<session>') ?? null,
    cache: res.headers.get('cache-control'),
    text,
  }
}

function callsOf(s: Side): unknown {
  return JSON.parse(JSON.stringify(s.gateway.calls).replaceAll(s.session, '<session>'))
}

let sides: Side[] = []
beforeEach(() => {
  sides = []
})
afterEach(async () => {
  vi.restoreAllMocks()
  for (const s of sides) await s.close()
})

async function pair(): Promise<[Side, Side]> {
  const direct = await side(true)
  const sdk = await side(false)
  sides.push(direct, sdk)
  return [direct, sdk]
}

// Requests around a tools/call: valid ones and every way of being slightly wrong that the SDK words itself.
// Mostly well-formed (so many requests take the direct path), with every kind of flaw mixed in.
const mostly = <T>(usual: fc.Arbitrary<T>, odd: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: usual, weight: 6 }, { arbitrary: odd, weight: 1 })
const anId = mostly(
  fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constantFrom('a', '', '7')),
  fc.constantFrom<string | number | null>(1.5, null),
)
const aName = fc.constantFrom('files.read', 'github__search_issues', 'email.send', 'nope', '', 'files_read')
const someArgs = mostly(
  fc.oneof(
    fc.record({ path: fc.constantFrom('/data/public/a.txt', '/etc/passwd', 7) }),
    fc.dictionary(fc.constantFrom('q', 'n', 'path'), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
  ),
  fc.constantFrom<unknown>([1, 2], 'text', null, 3),
)
const aMeta = fc.constantFrom(
  undefined,
  undefined,
  undefined,
  { context: { confidence: 0.9, reasoning: 'asked by the user' } },
  { context: 'not an object' },
  { idempotencyKey: 'k-1' },
  { dryRun: true },
  { progressToken: 'p' },
  { 'io.modelcontextprotocol/related-task': { taskId: 't' } },
)
const aRequest = fc.record(
  {
    jsonrpc: mostly(fc.constant('2.0'), fc.constant('1.0')),
    id: anId,
    method: mostly(fc.constant('tools/call'), fc.constant('tools/list')),
    name: aName,
    arguments: fc.option(someArgs, { nil: undefined }),
    meta: aMeta,
    task: mostly(fc.constant(undefined), fc.constant({ ttl: 1000 })),
    extra: mostly(fc.constant(undefined), fc.constant({ stray: 1 })),
  },
  { requiredKeys: ['jsonrpc', 'id', 'method', 'name'] },
)

function bodyOf(r: typeof aRequest extends fc.Arbitrary<infer T> ? T : never): string {
  const params: Record<string, unknown> = { name: r.name }
  if (r.arguments !== undefined) params['arguments'] = r.arguments
  if (r.meta !== undefined) params['_meta'] = r.meta
  if (r.task !== undefined) params['task'] = r.task
  return JSON.stringify({ jsonrpc: r.jsonrpc, id: r.id, method: r.method, params, ...(r.extra ?? {}) })
}

describe('direct tools/call path', () => {
  it('answers every request exactly as the SDK transport and server do (property)', async () => {
    const [direct, sdk] = await pair()
    const handled = vi.spyOn(WebStandardStreamableHTTPServerTransport.prototype, 'handleRequest')
    let runs = 0
    await fc.assert(
      fc.asyncProperty(
        aRequest,
        mostly(fc.constantFrom<string | null>('2025-06-18', null), fc.constant('1999-01-01')),
        async (request, version) => {
          runs++
          const body = bodyOf(request)
          const a = await observed(direct, await post(direct, body, version))
          const b = await observed(sdk, await post(sdk, body, version))
          expect(a).toEqual(b)
          expect(callsOf(direct)).toEqual(callsOf(sdk))
        },
      ),
      { numRuns: 250 },
    )
    // Every request reached the SDK transport on the SDK side; on the direct side the plain calls did not
    // (68 to 85 of 250 in trial runs), so the comparison covered the direct path.
    const answeredDirectly = 2 * runs - handled.mock.calls.length
    expect(answeredDirectly).toBeGreaterThan(runs / 5)
    // The property saw allowed calls and refusals, not only malformed requests.
    const decisions = direct.gateway.calls.map((c) => c.tool)
    expect(decisions).toContain('files.read')
    expect(decisions).toContain('github/search_issues')
  })

  it('leaves the SDK transport out of a plain call, and uses it when the call needs the stream', async () => {
    const [direct] = await pair()
    const handled = vi.spyOn(WebStandardStreamableHTTPServerTransport.prototype, 'handleRequest')
    const call = (meta?: Record<string, unknown>) =>
      JSON.stringify({
        jsonrpc: '2.0',
        id: 9,
        method: 'tools/call',
        params: {
          name: 'files.read',
          arguments: { path: '/data/public/a' },
          ...(meta ? { _meta: meta } : {}),
        },
      })
    const plain = await post(direct, call())
    expect(await plain.text()).toContain('files.read ok')
    expect(handled).not.toHaveBeenCalled()
    const withProgress = await post(direct, call({ progressToken: 1 }))
    expect(await withProgress.text()).toContain('files.read ok')
    expect(handled).toHaveBeenCalledTimes(1)
  })

  it('sends a call of a client that declared elicitation through the SDK (confirm may need to ask)', async () => {
    const eliciting = await side(true, { elicitation: { form: {} } })
    sides.push(eliciting)
    const handled = vi.spyOn(WebStandardStreamableHTTPServerTransport.prototype, 'handleRequest')
    const res = await post(
      eliciting,
      JSON.stringify({
        jsonrpc: '2.0',
        id: 3,
        method: 'tools/call',
        params: { name: 'files.read', arguments: {} },
      }),
    )
    expect(res.status).toBe(200)
    await res.text()
    expect(handled).toHaveBeenCalledTimes(1)
  })

  it('cancels a direct call on notifications/cancelled: the tool sees the abort and no answer is sent', async () => {
    const [direct] = await pair()
    const pending = post(
      direct,
      JSON.stringify({ jsonrpc: '2.0', id: 'slow-1', method: 'tools/call', params: { name: 'slow.task' } }),
    )
    await vi.waitFor(() => expect(direct.gateway.calls.map((c) => c.tool)).toContain('slow.task'))
    const cancel = await post(
      direct,
      JSON.stringify({
        jsonrpc: '2.0',
        method: 'notifications/cancelled',
        params: { requestId: 'slow-1', reason: 'user stopped it' },
      }),
    )
    expect(cancel.status).toBe(202)
    const answer = await pending
    expect(answer.status).toBe(200)
    expect(await answer.text()).toBe('')
    expect(direct.gateway.slowCancelled).toBe(true)
  })

  it('hands a second call with an id already in flight to the SDK, and a cancellation of an unknown id too', async () => {
    const [direct] = await pair()
    const handled = vi.spyOn(WebStandardStreamableHTTPServerTransport.prototype, 'handleRequest')
    const slow = post(
      direct,
      JSON.stringify({ jsonrpc: '2.0', id: 5, method: 'tools/call', params: { name: 'slow.task' } }),
    )
    await vi.waitFor(() => expect(direct.gateway.calls).toHaveLength(1))
    const again = await post(
      direct,
      JSON.stringify({
        jsonrpc: '2.0',
        id: 5,
        method: 'tools/call',
        params: { name: 'files.read', arguments: {} },
      }),
    )
    expect(handled).toHaveBeenCalledTimes(1)
    await again.text()
    const unknown = await post(
      direct,
      JSON.stringify({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 'other' } }),
    )
    expect(unknown.status).toBe(202)
    expect(handled).toHaveBeenCalledTimes(2)
    await post(
      direct,
      JSON.stringify({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 5 } }),
    )
    expect(await (await slow).text()).toBe('')
  })
})
