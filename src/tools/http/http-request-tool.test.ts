import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { request } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { configSchema } from '../../config/schema.js'
import { compilePolicy } from '../../policy/agent-policy.js'
import { type GovernedTools, openGovernedTools } from '../governed-tools.js'
import { anOptions, codeOf, textOf } from '../tools-fixture.case.js'
import { pinnedDispatcher, type ResolveHost } from './pinned-address.js'

let hits: string[] = []

function listen(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ server: Server; port: number }> {
  const server = createServer(handler)
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port })),
  )
}

// Test DNS: names the tests made up resolve where each case needs them; everything else like the system.
const fakeDns: ResolveHost = async (host) => {
  if (host === 'metadata.test') return [{ address: '169.254.169.254', family: 4 }]
  if (host === 'split.test')
    return [
      { address: '93.184.216.34', family: 4 },
      { address: '10.0.0.7', family: 4 },
    ]
  if (host === 'v6.test') return [{ address: '::ffff:127.0.0.1', family: 6 }]
  if (host === 'localhost') return [{ address: '127.0.0.1', family: 4 }]
  throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' })
}

describe('http.request', () => {
  let main: { server: Server; port: number }
  let other: { server: Server; port: number }
  let tools: GovernedTools
  let here: string

  beforeAll(async () => {
    other = await listen((req, res) => {
      hits.push(`other ${req.url}`)
      res.end(JSON.stringify({ authorization: req.headers.authorization ?? null }))
    })
    main = await listen((req, res) => {
      hits.push(`main ${req.method} ${req.url}`)
      const p = main.port
      if (req.url === '/ok') return res.end('hello')
      if (req.url === '/big') return res.end(Buffer.alloc(1_048_577, 97))
      if (req.url === '/big-chunked') {
        res.write(Buffer.alloc(700_000, 97))
        return res.end(Buffer.alloc(700_000, 97))
      }
      if (req.url === '/to-ok') return res.writeHead(302, { location: `http://127.0.0.1:${p}/ok` }).end()
      if (req.url === '/to-localhost')
        return res.writeHead(302, { location: `http://localhost:${p}/ok` }).end()
      if (req.url === '/to-metadata')
        return res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end()
      if (req.url === '/to-unlisted')
        return res.writeHead(302, { location: 'https://evil.example/steal' }).end()
      if (req.url === '/to-other')
        return res.writeHead(307, { location: `http://127.0.0.1:${other.port}/echo` }).end()
      if (req.url === '/loop') return res.writeHead(302, { location: '/loop' }).end()
      if (req.url === '/post-303') return res.writeHead(303, { location: '/echo-method' }).end()
      if (req.url === '/echo-method') return res.end(req.method)
      if (req.url === '/slow') return
      res.writeHead(404).end()
    })
    here = `http://127.0.0.1:${main.port}`
    const config = configSchema.parse({
      agents: {
        a: {
          permissions: {
            apis: {
              allowed: [
                `127.0.0.1:${main.port}`,
                `127.0.0.1:${other.port}`,
                `localhost:${main.port}`,
                'metadata.test',
                'split.test',
                'v6.test',
              ],
              methods: ['GET', 'POST'],
            },
          },
        },
      },
    })
    const policy = compilePolicy(config)
    tools = await openGovernedTools({
      governed: config.governed,
      cwd: process.cwd(),
      policyOf: (id) => policy.agents.get(id),
      resolveHost: fakeDns,
    })
  })

  afterAll(async () => {
    await tools?.close()
    main?.server.close()
    other?.server.close()
  })

  it('is offered without any governed section', () => {
    expect(tools.tools().map((t) => t.name)).toEqual(['http.request'])
  })

  it('fetches from an explicitly allowed IP literal', async () => {
    const result = await tools.call('http.request', { method: 'GET', url: `${here}/ok` }, anOptions())
    expect(result.structuredContent).toMatchObject({ status: 200, body: 'hello' })
  })

  it('refuses a host name that resolves to loopback, even when the policy lists the name', async () => {
    hits = []
    const result = await tools.call(
      'http.request',
      { method: 'GET', url: `http://localhost:${main.port}/ok` },
      anOptions(),
    )
    expect(codeOf(result)).toBe('TOOL_HTTP_PRIVATE_ADDRESS')
    expect(hits).toEqual([])
  })

  it('refuses localhost through the system resolver too', async () => {
    const config = configSchema.parse({
      agents: { a: { permissions: { apis: { allowed: [`localhost:${main.port}`] } } } },
    })
    const policy = compilePolicy(config)
    const system = await openGovernedTools({
      governed: {},
      cwd: process.cwd(),
      policyOf: (id) => policy.agents.get(id),
    })
    hits = []
    const result = await system.call(
      'http.request',
      { method: 'GET', url: `http://localhost:${main.port}/ok` },
      anOptions(),
    )
    expect(codeOf(result)).toBe('TOOL_HTTP_PRIVATE_ADDRESS')
    expect(hits).toEqual([])
  })

  it('refuses names resolving to metadata, an IPv4-mapped loopback, or any private address among public ones', async () => {
    for (const host of ['metadata.test', 'v6.test', 'split.test']) {
      expect(
        codeOf(await tools.call('http.request', { method: 'GET', url: `http://${host}/` }, anOptions())),
        host,
      ).toBe('TOOL_HTTP_PRIVATE_ADDRESS')
    }
  })

  it('re-checks the policy at execution (method and host)', async () => {
    expect(
      codeOf(await tools.call('http.request', { method: 'DELETE', url: `${here}/ok` }, anOptions())),
    ).toBe('API_METHOD_NOT_ALLOWED')
    expect(
      codeOf(await tools.call('http.request', { method: 'GET', url: 'https://evil.example/' }, anOptions())),
    ).toBe('API_HOST_NOT_ALLOWED')
  })

  it('follows a redirect to an allowed place', async () => {
    const result = await tools.call('http.request', { method: 'GET', url: `${here}/to-ok` }, anOptions())
    expect(result.structuredContent).toMatchObject({ status: 200, body: 'hello', redirects: [`${here}/ok`] })
  })

  it('re-checks every redirect hop: unlisted host, loopback name, metadata IP', async () => {
    hits = []
    expect(
      codeOf(await tools.call('http.request', { method: 'GET', url: `${here}/to-unlisted` }, anOptions())),
    ).toBe('API_HOST_NOT_ALLOWED')
    expect(
      codeOf(await tools.call('http.request', { method: 'GET', url: `${here}/to-localhost` }, anOptions())),
    ).toBe('TOOL_HTTP_PRIVATE_ADDRESS')
    expect(
      codeOf(await tools.call('http.request', { method: 'GET', url: `${here}/to-metadata` }, anOptions())),
    ).toBe('API_IP_LITERAL')
    expect(hits).toEqual(['main GET /to-unlisted', 'main GET /to-localhost', 'main GET /to-metadata'])
  })

  it('drops credentials when a redirect leaves the origin', async () => {
    const result = await tools.call(
      'http.request',
      { method: 'GET', url: `${here}/to-other`, headers: { Authorization: 'Bearer s3cret' } },
      anOptions(),
    )
    expect(JSON.parse((result.structuredContent as { body: string }).body)).toEqual({ authorization: null })
  })

  it('turns a POST into a GET on 303', async () => {
    const result = await tools.call(
      'http.request',
      { method: 'POST', url: `${here}/post-303`, body: 'x' },
      anOptions(),
    )
    expect((result.structuredContent as { body: string }).body).toBe('GET')
  })

  it('stops after maxRedirects', async () => {
    expect(
      codeOf(await tools.call('http.request', { method: 'GET', url: `${here}/loop` }, anOptions())),
    ).toBe('TOOL_HTTP_TOO_MANY_REDIRECTS')
  })

  it('caps the response size (declared and streamed)', async () => {
    expect(codeOf(await tools.call('http.request', { method: 'GET', url: `${here}/big` }, anOptions()))).toBe(
      'TOOL_HTTP_RESPONSE_TOO_LARGE',
    )
    expect(
      codeOf(await tools.call('http.request', { method: 'GET', url: `${here}/big-chunked` }, anOptions())),
    ).toBe('TOOL_HTTP_RESPONSE_TOO_LARGE')
  })

  it('refuses headers that re-route the request', async () => {
    const result = await tools.call(
      'http.request',
      { method: 'GET', url: `${here}/ok`, headers: { Host: 'admin.internal' } },
      anOptions(),
    )
    expect(codeOf(result)).toBe('API_HEADER_NOT_ALLOWED')
  })

  it('dry-run shows the request and sends nothing', async () => {
    hits = []
    const result = await tools.call(
      'http.request',
      { method: 'POST', url: `${here}/ok`, body: 'data' },
      anOptions({ dryRun: true }),
    )
    expect(result.structuredContent).toMatchObject({
      dryRun: true,
      request: { method: 'POST', url: `${here}/ok`, bodyBytes: 4, address: '127.0.0.1' },
    })
    expect(textOf(result)).toContain('would send POST')
    expect(hits).toEqual([])
  })

  it('connects to the pinned address, never asking DNS again (no rebinding)', async () => {
    const agent = pinnedDispatcher({ address: '127.0.0.1', family: 4 })
    try {
      // rebind.invalid resolves nowhere: reaching the test server proves the connection used the pin.
      const response = await request(`http://rebind.invalid:${main.port}/ok`, { dispatcher: agent })
      expect(await response.body.text()).toBe('hello')
    } finally {
      await agent.close()
    }
  })

  it('gives up when the call is cancelled', async () => {
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 100)
    const result = await tools.call(
      'http.request',
      { method: 'GET', url: `${here}/slow` },
      anOptions({ signal: controller.signal }),
    )
    expect(codeOf(result)).toBe('TOOL_CANCELLED')
  })
})
