import type { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { describe, expect, it } from 'vitest'
import { listUpstreamTools } from './tool-list.js'

/** The part of the SDK client listUpstreamTools uses: one page holding `names`. */
const listing = (names: string[]) =>
  ({
    listTools: async () => ({ tools: names.map((name) => ({ name, inputSchema: { type: 'object' } })) }),
  }) as unknown as Client

const LIMITS = { timeoutMs: 1_000, maxPages: 2, maxTools: 100 }

describe('listUpstreamTools', () => {
  it('drops both tools of a pair that would meet as one wire name, and names them in the log', async () => {
    const lines: string[] = []
    const tools = await listUpstreamTools(listing(['a.b', 'a_b', 'c', 'x-y']), 'srv', LIMITS, (l) =>
      lines.push(l),
    )
    expect(tools.map((t) => t.name)).toEqual(['srv/c', 'srv/x-y'])
    expect(lines.join('\n')).toMatch(/"srv\/a\.b" dropped[\s\S]*"srv\/a_b" dropped/)
  })

  it('drops a name listed twice, as before, and keeps the rest', async () => {
    const lines: string[] = []
    const tools = await listUpstreamTools(listing(['echo', 'echo', 'add']), 'srv', LIMITS, (l) =>
      lines.push(l),
    )
    expect(tools.map((t) => t.name)).toEqual(['srv/add'])
    expect(lines).toHaveLength(2)
  })
})
