// A small MCP server over stdio whose tools all read (low risk by name and annotation), so the real gateway
// lets them run without a human: the transports' progress and cancellation paths can then be tested end to
// end. READ_ONLY_STATE_DIR/events.log gets `cancelled` when a call is aborted.
import { appendFileSync } from 'node:fs'
import { join } from 'node:path'
import { Server } from '@modelcontextprotocol/sdk/server/index.js'
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js'
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js'

const stateDir = process.env.READ_ONLY_STATE_DIR
const record = (line) => stateDir && appendFileSync(join(stateDir, 'events.log'), `${line}\n`)
const readOnly = { readOnlyHint: true }
const schema = { type: 'object', properties: {} }
const text = (value) => ({ content: [{ type: 'text', text: String(value) }] })

const server = new Server({ name: 'read-only', version: '1.0.0' }, { capabilities: { tools: {} } })
server.setRequestHandler(ListToolsRequestSchema, async () => ({
  tools: [
    { name: 'search_echo', description: 'Returns its text.', inputSchema: schema, annotations: readOnly },
    {
      name: 'fetch_slowly',
      description: 'One progress notification per step.',
      inputSchema: schema,
      annotations: readOnly,
    },
    {
      name: 'read_forever',
      description: 'Never answers until cancelled.',
      inputSchema: schema,
      annotations: readOnly,
    },
  ],
}))
server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
  const args = request.params.arguments ?? {}
  const token = request.params._meta?.progressToken
  switch (request.params.name) {
    case 'search_echo':
      return text(args.text)
    case 'fetch_slowly': {
      const steps = Number(args.steps ?? 3)
      for (let i = 1; i <= steps; i++) {
        await new Promise((r) => setTimeout(r, 20))
        if (token !== undefined) {
          await extra.sendNotification({
            method: 'notifications/progress',
            params: { progressToken: token, progress: i, total: steps },
          })
        }
      }
      // SDK clients handle a notification a microtask after it arrives but a response at once, so progress
      // sent right before the result can be dropped by any client; real tools do not finish that fast.
      await new Promise((r) => setTimeout(r, 30))
      return text(`fetched ${steps}`)
    }
    case 'read_forever':
      return new Promise((resolve) => {
        extra.signal.addEventListener('abort', () => {
          record('cancelled')
          resolve(text('cancelled'))
        })
      })
    default:
      return { ...text(`unknown tool ${request.params.name}`), isError: true }
  }
})
await server.connect(new StdioServerTransport())
