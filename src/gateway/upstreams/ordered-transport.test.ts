import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js'
import {
  CallToolResultSchema,
  type JSONRPCMessage,
  LATEST_PROTOCOL_VERSION,
} from '@modelcontextprotocol/sdk/types.js'
import { describe, expect, it } from 'vitest'
import { OrderedTransport } from './ordered-transport.js'

/** A server that answers a tools/call with its progress notifications and the result in one tick. */
class BurstServer implements Transport {
  onclose?: () => void
  onmessage?: (message: JSONRPCMessage) => void
  closed = false

  async start(): Promise<void> {}

  async send(message: JSONRPCMessage): Promise<void> {
    if (!('id' in message) || !('method' in message)) return
    const reply = (m: JSONRPCMessage) => this.onmessage?.(m)
    if (message.method === 'initialize') {
      queueMicrotask(() =>
        reply({
          jsonrpc: '2.0',
          id: message.id,
          result: {
            protocolVersion: LATEST_PROTOCOL_VERSION,
            capabilities: { tools: {} },
            serverInfo: { name: 'b', version: '1' },
          },
        }),
      )
      return
    }
    const token = (message.params as { _meta?: { progressToken?: number } })._meta?.progressToken
    queueMicrotask(() => {
      for (let i = 1; i <= 3; i++) {
        reply({
          jsonrpc: '2.0',
          method: 'notifications/progress',
          params: { progressToken: token!, progress: i, total: 3 },
        })
      }
      reply({ jsonrpc: '2.0', id: message.id, result: { content: [] } })
      this.onclose?.()
    })
  }

  async close(): Promise<void> {
    this.closed = true
  }
}

async function progressSeen(transport: Transport): Promise<{ progress: number[]; closedAfter: boolean }> {
  const client = new Client({ name: 't', version: '1' }, { capabilities: {} })
  client.onerror = () => {}
  const progress: number[] = []
  let closed = false
  await client.connect(transport)
  client.onclose = () => {
    closed = true
  }
  await client.callTool({ name: 'x', arguments: {} }, CallToolResultSchema, {
    onprogress: (p) => progress.push(p.progress),
  })
  await new Promise((r) => setTimeout(r, 20))
  return { progress, closedAfter: closed }
}

describe('OrderedTransport', () => {
  it('delivers every progress notification that arrives in the same tick as the result', async () => {
    const { progress, closedAfter } = await progressSeen(new OrderedTransport(new BurstServer()))
    expect(progress).toEqual([1, 2, 3])
    expect(closedAfter).toBe(true)
  })

  it('is needed: the SDK alone drops the progress that arrives with the result', async () => {
    const { progress } = await progressSeen(new BurstServer())
    expect(progress.length).toBeLessThan(3)
  })
})
