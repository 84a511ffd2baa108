/** What the snippets need: where the gateway listens and how to spawn `warden stdio`. */
export interface SnippetInput {
  /** Base URL, e.g. http://127.0.0.1:8787 (the MCP endpoint is `${url}/mcp`). */
  readonly url: string
  readonly agentId: string
  /** The agent's key when it was issued now; a placeholder otherwise (keys are never stored readable). */
  readonly agentKey: string | undefined
  /** The command and leading arguments that run the warden CLI (absolute paths: clients spawn from anywhere). */
  readonly wardenCommand: readonly [string, ...string[]]
  /** `--config` / `--store` arguments so the spawned process finds the same state. */
  readonly stdioArgs: readonly string[]
}

/**
 * Ready-to-paste configuration for common MCP clients: Claude Desktop (stdio), Cursor (URL and headers),
 * the OpenAI Agents SDK (`MCPServerStreamableHttp`) and LangChain.js (`MultiServerMCPClient`).
 */
export function clientSnippets(input: SnippetInput): string {
  const mcpUrl = `${input.url}/mcp`
  const key = input.agentKey ?? `<${input.agentId} key: warden agents key ${input.agentId}>`
  const auth = `Bearer ${key}`
  const [command, ...lead] = input.wardenCommand
  const claude = {
    mcpServers: {
      warden: { command, args: [...lead, 'stdio', '--agent', input.agentId, ...input.stdioArgs] },
    },
  }
  const cursor = { mcpServers: { warden: { url: mcpUrl, headers: { Authorization: auth } } } }
  return [
    '── Claude Desktop (claude_desktop_config.json): spawns the gateway over stdio',
    JSON.stringify(claude, null, 2),
    '',
    '── Cursor (~/.cursor/mcp.json): Streamable HTTP',
    JSON.stringify(cursor, null, 2),
    '',
    '── OpenAI Agents SDK (Python)',
    'from agents.mcp import MCPServerStreamableHttp',
    `warden = MCPServerStreamableHttp(name="warden", params={"url": "${mcpUrl}", "headers": {"Authorization": "${auth}"}})`,
    '',
    '── LangChain.js (@langchain/mcp-adapters)',
    "import { MultiServerMCPClient } from '@langchain/mcp-adapters'",
    `const client = new MultiServerMCPClient({ mcpServers: { warden: { transport: 'http', url: '${mcpUrl}', headers: { Authorization: '${auth}' } } } })`,
    'const tools = await client.getTools()',
    '',
  ].join('\n')
}
