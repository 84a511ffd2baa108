import { Pool } from 'undici'

const ACCEPT = 'application/json, text/event-stream'

/**
 * An MCP client over Streamable HTTP that costs the load generator little: one initialized session, keep-alive
 * connections (an undici Pool), `tools/call` requests built by string concatenation and answers checked by
 * a string search, so the bench measures the servers rather than the client. Every answer is checked: a call
 * that comes back as a JSON-RPC error or a tool error (`isError`) throws, so a refusal can never pass for a
 * fast success.
 */
export class RawMcpClient {
  readonly #pool: Pool
  readonly #path: string
  readonly #headers: Record<string, string>
  #nextId = 1

  private constructor(pool: Pool, path: string, headers: Record<string, string>) {
    this.#pool = pool
    this.#path = path
    this.#headers = headers
  }

  /** Opens a session (initialize, then notifications/initialized) on `url` with up to `connections` sockets. */
  static async open(url: string, options: { connections: number; key?: string }): Promise<RawMcpClient> {
    const target = new URL(url)
    const pool = new Pool(target.origin, { connections: options.connections, pipelining: 1 })
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: ACCEPT }
    if (options.key !== undefined) headers['authorization'] = `Bearer ${options.key}`
    const init = await pool.request({
      path: target.pathname,
      method: 'POST',
      headers,
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 0,
        method: 'initialize',
        params: {
          protocolVersion: '2025-06-18',
          capabilities: {},
          clientInfo: { name: 'bench', version: '1.0.0' },
        },
      }),
    })
    const text = await init.body.text()
    const session = init.headers['mcp-session-id']
    if (init.statusCode !== 200 || typeof session !== 'string')
      throw new Error(`initialize failed: ${init.statusCode} ${text.slice(0, 300)}`)
    const version = /"protocolVersion":"([^"]+)"/.exec(text)?.[1] ?? '2025-06-18'
    const client = new RawMcpClient(pool, target.pathname, {
      ...headers,
      'mcp-session-id': session,
      'mcp-protocol-version': version,
    })
    const done = await pool.request({
      path: target.pathname,
      method: 'POST',
      headers: client.#headers,
      body: '{"jsonrpc":"2.0","method":"notifications/initialized"}',
    })
    await done.body.dump()
    return client
  }

  /**
   * A request sender for one tool; call `i` sends `{ city: "<cities[i % n]>" }`-like arguments made by `args(i)`
   * (a bench agent repeating one identical call is an agent in a loop, which the behavior stage pauses). Each
   * call resolves once the answer is read and checked.
   */
  caller(tool: string, args: (i: number) => Record<string, unknown>): () => Promise<void> {
    const prefix = `,"method":"tools/call","params":{"name":${JSON.stringify(tool)},"arguments":`
    let i = 0
    return async () => {
      const response = await this.#pool.request({
        path: this.#path,
        method: 'POST',
        headers: this.#headers,
        body: `{"jsonrpc":"2.0","id":${this.#nextId++}${prefix}${JSON.stringify(args(i++))}}}`,
      })
      const text = await response.body.text()
      if (response.statusCode !== 200 || !text.includes('"result"') || text.includes('"isError":true'))
        throw new Error(`tools/call ${tool} failed: ${response.statusCode} ${text.slice(0, 400)}`)
    }
  }

  close(): Promise<void> {
    return this.#pool.close()
  }
}
