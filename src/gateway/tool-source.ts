import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js'

/**
 * A tool as Warden lists it: its canonical name (`files.read`, `github/search_issues`), what the agent is
 * shown, and where it runs. The MCP wire name (`files_read`, `github__search_issues`) is derived from the
 * canonical name by the gateway, never stored here.
 */
export interface ToolDefinition {
  readonly name: string
  readonly description: string
  readonly inputSchema: Tool['inputSchema']
  readonly outputSchema?: Tool['outputSchema']
  readonly annotations?: Tool['annotations']
  readonly title?: string
}

/** What a call may use besides its arguments: cancellation, progress, and the dry-run switch. */
export interface CallOptions {
  readonly signal: AbortSignal
  /** Forwards progress (MCP notifications/progress) to the agent, where it asked for it. */
  readonly onProgress?: (progress: { progress: number; total?: number; message?: string }) => void
  /** Run the tool's dry-run: show the real effect, change nothing (governed tools). */
  readonly dryRun?: boolean
  /** The id of the action (for rollback snapshots and the audit). */
  readonly actionId: string
  readonly agentId: string
}

export type ToolResult = CallToolResult

/**
 * Something that has tools: Warden's governed tools, or one upstream MCP server. The gateway asks every
 * source for its tools and routes each call to the source that owns the name.
 */
export interface ToolSource {
  /** `governed`, or the upstream's configured name. */
  readonly name: string
  /** The tools this source offers now (an upstream's list can change: the gateway re-pins it). */
  tools(): readonly ToolDefinition[]
  /** Runs a tool by canonical name. Failures of the tool are results with `isError: true`; a throw is a failure of the source. */
  call(tool: string, args: Readonly<Record<string, unknown>>, options: CallOptions): Promise<ToolResult>
  close(): Promise<void>
}
