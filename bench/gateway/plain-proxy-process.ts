import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Pool } from 'undici'

// The floor for the gateway bench: a Node HTTP server that forwards each MCP POST to the upstream (URL in
// BENCH_UPSTREAM_URL) over keep-alive connections and returns its answer, parsing and re-serialising the
// JSON-RPC body on the way, and nothing else (no checks, no audit). Whatever any proxy written on Node costs
// per call on this machine, this costs. Run by the gateway bench with `fork`, as upstream-process.ts.
const upstream = new URL(process.env['BENCH_UPSTREAM_URL'] ?? '')
const pool = new Pool(upstream.origin, { connections: 64 })
const FORWARDED = ['mcp-session-id', 'mcp-protocol-version'] as const

const server = createServer(async (req, res) => {
  try {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const message = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
    }
    for (const name of FORWARDED) {
      const value = req.headers[name]
      if (typeof value === 'string') headers[name] = value
    }
    const answer = await pool.request({
      path: upstream.pathname,
      method: 'POST',
      headers,
      body: JSON.stringify(message),
    })
    const text = await answer.body.text()
    const out: Record<string, string> = { 'content-type': String(answer.headers['content-type'] ?? '') }
    const session = answer.headers['mcp-session-id']
    if (typeof session === 'string') out['mcp-session-id'] = session
    res.writeHead(answer.statusCode, out).end(text)
  } catch (error) {
    res.writeHead(502).end(String(error))
  }
})
server.listen(0, '127.0.0.1', () => {
  process.send?.({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })
})
process.on('disconnect', () => process.exit(0))
process.on('message', (message: unknown) => {
  if (message === 'cpu') process.send?.({ cpu: process.cpuUsage() })
  if (message === 'exit') server.close(() => process.exit(0))
})
