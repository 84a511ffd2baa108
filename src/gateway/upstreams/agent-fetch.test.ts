import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { agentFetch, upstreamAgent } from './agent-fetch.js'

let server: Server
let base: string
const seen: { method: string; url: string; headers: Record<string, unknown>; body: string }[] = []
const agent = upstreamAgent()
const fetchUpstream = agentFetch(agent)

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = ''
    req.on('data', (c) => {
      body += c
    })
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body })
      if (req.url === '/moved') return res.writeHead(307, { location: 'http://evil.example/mcp' }).end()
      if (req.url === '/none') return res.writeHead(204).end()
      if (req.url === '/events') {
        res.writeHead(200, { 'content-type': 'text/event-stream' })
        res.write('data: one\n\n')
        setTimeout(() => res.end('data: two\n\n'), 20)
        return
      }
      res.writeHead(200, { 'content-type': 'application/json', 'mcp-session-id': 's1' })
      res.end(JSON.stringify({ echoed: body }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  await agent.close()
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

describe('agentFetch', () => {
  it('sends method, headers and body, and answers with status, headers and the JSON body', async () => {
    const headers = new Headers({ 'content-type': 'application/json', authorization: 'Bearer k' })
    const response = await fetchUpstream(`${base}/mcp?x=1`, { method: 'POST', headers, body: '{"a":1}' })
    expect(response.status).toBe(200)
    expect(response.headers.get('mcp-session-id')).toBe('s1')
    expect(await response.json()).toEqual({ echoed: '{"a":1}' })
    expect(seen.at(-1)).toMatchObject({
      method: 'POST',
      url: '/mcp?x=1',
      headers: { authorization: 'Bearer k' },
    })
  })

  it('returns a redirect unfollowed, so the caller decides (no request reaches another origin)', async () => {
    const before = seen.length
    const response = await fetchUpstream(`${base}/moved`, { method: 'POST', body: '{}' })
    expect(response.status).toBe(307)
    expect(response.headers.get('location')).toBe('http://evil.example/mcp')
    expect(seen.length).toBe(before + 1)
  })

  it('answers a null-body status without a body and streams an event stream as it arrives', async () => {
    expect((await fetchUpstream(`${base}/none`)).body).toBeNull()
    const events = await fetchUpstream(`${base}/events`)
    expect(await events.text()).toBe('data: one\n\ndata: two\n\n')
  })

  it('rejects when the caller aborts', async () => {
    const controller = new AbortController()
    controller.abort()
    await expect(fetchUpstream(`${base}/mcp`, { signal: controller.signal })).rejects.toThrow()
  })
})
