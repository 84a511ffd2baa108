import type { AuditLog } from '../audit/audit-log.js'
import type { LoadedConfig } from '../config/load.js'
import type { AgentKillSwitch } from '../killswitch/kill-switch.js'
import type { JsonlIncidentSink } from '../killswitch/jsonl-incident-sink.js'
import type { Store } from '../store/store.js'
import type { ToolDefinition, ToolResult } from './tool-source.js'

/** One tool call as the gateway receives it from a transport (MCP over stdio or HTTP, or the SDK). */
export interface GatewayCall {
  /** The authenticated agent (from its key or the stdio command line), never from what the client claims. */
  readonly agentId: string
  readonly sessionId: string
  /** Canonical tool name (`files.read`, `github/search_issues`); transports map wire names first. */
  readonly tool: string
  readonly args: Readonly<Record<string, unknown>>
  /** What the agent states beside the call (`confidence`, `reasoning`, ...). */
  readonly context?: Readonly<Record<string, unknown>>
  /** The client's idempotency key or request id, when it has one. */
  readonly id?: string
  readonly dryRun?: boolean
}

export interface GatewayCallOptions {
  readonly signal: AbortSignal
  readonly onProgress?: (progress: { progress: number; total?: number; message?: string }) => void
}

export interface GatewayOptions {
  readonly loaded: LoadedConfig
  readonly cwd: string
  readonly env: Readonly<Record<string, string | undefined>>
  readonly storeUrl?: string
  readonly busUrl?: string
}

/**
 * What the transports and the admin API see of the gateway. `callTool` never throws: a refusal is an MCP
 * tool error (`isError: true`) whose text starts with the decision code and reason, and whose
 * `structuredContent` is `{ decision, code, reason, actionId }`.
 */
export interface GatewayApi {
  /** The tools `agentId` may see: allowed by its policy, accepted (pinned), from live sources. */
  listTools(agentId: string): readonly ToolDefinition[]
  callTool(call: GatewayCall, options: GatewayCallOptions): Promise<ToolResult>
  /** Notified when the visible tool list may have changed (upstream change, pin accepted). */
  onToolsChanged(listener: () => void): () => void
  /** The agent a bearer key belongs to (keys are configured as SHA-256 hashes), or undefined. */
  authenticateAgent(key: string): string | undefined
  readonly config: LoadedConfig
  readonly killSwitch: AgentKillSwitch
  readonly incidents: JsonlIncidentSink
  readonly audit: AuditLog
  readonly store: Store
  close(): Promise<void>
}
