import { describe, expect, it } from 'vitest'
import { clientSnippets } from './client-snippets.js'

const input = {
  url: 'http://127.0.0.1:8787',
  agentId: 'reporter',
  agentKey: 'wdn_agent_abc',
  wardenCommand: ['/usr/bin/node', '/opt/warden/bin/warden.js'] as const,
  stdioArgs: ['--cwd', '/srv/project'],
}

// The two JSON snippets, in print order (each starts at a line that is just `{`).
function jsonBlocks(text: string): unknown[] {
  return [...text.matchAll(/^\{\n[\s\S]*?\n\}$/gm)].map((m) => JSON.parse(m[0]))
}

describe('clientSnippets', () => {
  it('gives Claude Desktop a stdio command that names the agent and the working folder', () => {
    const [claude] = jsonBlocks(clientSnippets(input))
    expect(claude).toEqual({
      mcpServers: {
        warden: {
          command: '/usr/bin/node',
          args: ['/opt/warden/bin/warden.js', 'stdio', '--agent', 'reporter', '--cwd', '/srv/project'],
        },
      },
    })
  })

  it('gives Cursor, the OpenAI Agents SDK and LangChain.js the /mcp URL with the bearer key', () => {
    const text = clientSnippets(input)
    const [, cursor] = jsonBlocks(text)
    expect(cursor).toEqual({
      mcpServers: {
        warden: { url: 'http://127.0.0.1:8787/mcp', headers: { Authorization: 'Bearer wdn_agent_abc' } },
      },
    })
    expect(text).toContain(
      'MCPServerStreamableHttp(name="warden", params={"url": "http://127.0.0.1:8787/mcp"',
    )
    expect(text).toContain(
      "new MultiServerMCPClient({ mcpServers: { warden: { transport: 'http', url: 'http://127.0.0.1:8787/mcp'",
    )
    expect(text.match(/Bearer wdn_agent_abc/g)).toHaveLength(3)
  })

  it('shows how to get a key instead of a key it does not have', () => {
    const text = clientSnippets({ ...input, agentKey: undefined })
    expect(text).not.toContain('wdn_agent_')
    expect(text).toContain('warden agents key reporter')
  })
})
