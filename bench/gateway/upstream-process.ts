import { randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js'
import { z } from 'zod'

/**
 * What the bench tool returns for a city: a short, clean forecast (about 400 bytes, no PII, no secret, no
 * injection), different for each city so that nothing downstream can answer from a cache.
 */
export const forecastFor = (
  city: string,
) => `Forecast for ${city}, next three days. Tuesday: sunny, high 24°C, low 16°C, light wind from the
north-east at 12 km/h, humidity 55%. Wednesday: partly cloudy, high 22°C, low 15°C, a chance of showers in the
late afternoon. Thursday: clear skies, high 25°C, low 17°C, calm. Sea temperature 21°C. UV index high around
midday; sunrise 06:41, sunset 17:12.`

// The bench upstream: a real MCP server (the SDK's McpServer) over Streamable HTTP with JSON responses and
// long-lived sessions (one server and transport per session, made at initialize and reused), so a call costs
// what a well-run MCP server costs, not the set-up of a stateless one. Run as a child process of the bench
// (`fork`): it prints nothing, sends `{url}` to its parent and answers `cpu` with its process.cpuUsage().
function newSession(): { server: McpServer; transport: StreamableHTTPServerTransport } {
  const server = new McpServer({ name: 'bench-weather', version: '1.0.0' })
  server.registerTool(
    'get_forecast',
    {
      description: 'The weather forecast for a city.',
      inputSchema: { city: z.string() },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ city }) => ({ content: [{ type: 'text', text: forecastFor(city) }] }),
  )
  const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    enableJsonResponse: true,
    onsessioninitialized: (id) => {
      sessions.set(id, transport)
    },
  })
  return { server, transport }
}

const sessions = new Map<string, StreamableHTTPServerTransport>()

const http = createServer((req, res) => {
  const id = req.headers['mcp-session-id']
  const known = typeof id === 'string' ? sessions.get(id) : undefined
  if (known !== undefined) {
    void known.handleRequest(req, res)
    return
  }
  const { server, transport } = newSession()
  void server.connect(transport).then(() => transport.handleRequest(req, res))
})
http.keepAliveTimeout = 60_000
http.listen(0, '127.0.0.1', () => {
  const { port } = http.address() as AddressInfo
  process.send?.({ url: `http://127.0.0.1:${port}/mcp` })
})
// Orphaned (the bench died): go too.
process.on('disconnect', () => process.exit(0))
process.on('message', (message: unknown) => {
  if (message === 'cpu') process.send?.({ cpu: process.cpuUsage() })
  if (message === 'exit') {
    http.closeAllConnections()
    http.close(() => process.exit(0))
  }
})
