import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { parseConfig } from '../src/config/load.js'
import { startDemoWebServer } from '../src/demo/demo-web-server.js'
import { newSecret } from '../src/gateway/auth/new-secret.js'
import { Gateway } from '../src/gateway/gateway.js'
import { createHttpApp } from '../src/gateway/http/create-http-app.js'
import { listen } from '../src/gateway/http/listen.js'
import { type BenchRow, type BenchSuite, measure } from './harness.js'

// A tools/call straight to an upstream MCP server, and the same call through Warden (MCP over HTTP in, the
// full pipeline, the durable SQLite audit log with intent and outcome records, output guardrails, MCP over
// HTTP out to the same upstream), in the same run. The difference is what Warden adds.
async function connect(url: string, key?: string): Promise<Client> {
  const client = new Client({ name: 'bench', version: '1.0.0' })
  const headers = key === undefined ? undefined : { Authorization: `Bearer ${key}` }
  await client.connect(
    new StreamableHTTPClientTransport(
      new URL(url),
      headers === undefined ? {} : { requestInit: { headers } },
    ),
  )
  return client
}

async function throughput(
  clients: readonly Client[],
  call: (c: Client) => Promise<unknown>,
  ms: number,
): Promise<number> {
  let done = 0
  const until = Date.now() + ms
  await Promise.all(
    clients.map(async (c) => {
      while (Date.now() < until) {
        await call(c)
        done++
      }
    }),
  )
  return Math.round(done / (ms / 1000))
}

export const suite: BenchSuite = {
  title: 'tools/call direct to the upstream vs through Warden (MCP HTTP both ways, SQLite audit)',
  async run(): Promise<BenchRow[]> {
    const cwd = mkdtempSync(join(tmpdir(), 'warden-bench-gw-'))
    const web = await startDemoWebServer()
    const key = newSecret('wdn_agent_')
    const gateway = await Gateway.open({
      loaded: parseConfig(`
agents:
  bench:
    keys: ['${key.hash}']
    permissions: { tools: { allow: [web/fetch_page] } }
upstreams:
  web: { url: '${web.url}' }
store: 'sqlite:.warden/warden.db'
`),
      cwd,
      env: {},
    })
    const http = createHttpApp(gateway, { adminTokens: [] })
    const server = await listen(http.app, { host: '127.0.0.1', port: 0 })
    const args = { name: 'fetch_page', arguments: { url: 'https://weather.api.com/' } }
    const viaArgs = { ...args, name: 'web__fetch_page' }
    try {
      const direct = await connect(web.url)
      const via = await connect(`${server.url}/mcp`, key.secret)
      const first = await via.callTool(viaArgs)
      if (first.isError === true)
        throw new Error(`the call through Warden was refused: ${JSON.stringify(first.content)}`)
      const rows = [
        await measure('direct: client → upstream', () => direct.callTool(args), {
          iterations: 2_000,
          warmup: 200,
        }),
        await measure('through Warden: client → Warden → upstream', () => via.callTool(viaArgs), {
          iterations: 2_000,
          warmup: 200,
        }),
      ]
      const directs = await Promise.all(Array.from({ length: 8 }, () => connect(web.url)))
      const vias = await Promise.all(
        Array.from({ length: 8 }, () => connect(`${server.url}/mcp`, key.secret)),
      )
      const directRate = await throughput(directs, (c) => c.callTool(args), 5_000)
      const viaRate = await throughput(vias, (c) => c.callTool(viaArgs), 5_000)
      rows.push(
        { name: 'direct, 8 concurrent clients', opsPerSec: directRate, note: 'calls/s' },
        {
          name: 'through Warden, 8 concurrent clients',
          opsPerSec: viaRate,
          note: `calls/s (${(viaRate / directRate).toFixed(2)}× direct)`,
        },
      )
      const [d, w] = rows
      if (
        d?.p50Us !== undefined &&
        w?.p50Us !== undefined &&
        d.p99Us !== undefined &&
        w.p99Us !== undefined
      ) {
        rows.push({
          name: 'added by Warden (through − direct)',
          opsPerSec: 0,
          p50Us: Math.round((w.p50Us - d.p50Us) * 100) / 100,
          p99Us: Math.round((w.p99Us - d.p99Us) * 100) / 100,
          note: 'latency difference, sequential calls',
        })
      }
      for (const c of [direct, via, ...directs, ...vias]) await c.close()
      return rows
    } finally {
      await http.close()
      await server.close()
      await gateway.close()
      await web.close()
    }
  },
}
