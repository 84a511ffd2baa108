import type { Tool } from '@modelcontextprotocol/sdk/types.js'
import type { GatewayApi } from '../gateway-api.js'
import { ToolNameMap } from '../tool-names.js'
import type { ToolDefinition } from '../tool-source.js'

/** The tools one agent sees, as MCP lists them (wire names), and the way back to canonical names. */
export interface WireTools {
  readonly tools: Tool[]
  /**
   * The canonical name of a wire name. A name outside the agent's view is passed on unchanged, so the
   * gateway denies (and audits) it exactly as it denies a tool that does not exist: the answer never tells
   * a hidden tool from a missing one.
   */
  canonical(wire: string): string
}

/** Builds the agent's current view from `gateway.listTools`, re-read on every list and call. */
export function wireTools(gateway: GatewayApi, agentId: string): WireTools {
  const visible = gateway.listTools(agentId)
  const names = ToolNameMap.build(visible.map((d) => d.name))
  return {
    tools: visible.map((d) => toMcpTool(d, names.toWire(d.name) ?? d.name)),
    canonical: (wire) => names.toCanonical(wire) ?? wire,
  }
}

function toMcpTool(d: ToolDefinition, wire: string): Tool {
  return {
    name: wire,
    description: d.description,
    inputSchema: d.inputSchema,
    ...(d.title === undefined ? {} : { title: d.title }),
    ...(d.outputSchema === undefined ? {} : { outputSchema: d.outputSchema }),
    ...(d.annotations === undefined ? {} : { annotations: d.annotations }),
  }
}
