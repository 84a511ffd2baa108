import type { Tool } from '@modelcontextprotocol/sdk/types.js'
import type { GatewayApi } from '../gateway-api.js'
import { ToolNameMap } from '../tool-names.js'
import type { ToolDefinition } from '../tool-source.js'

/** The tools one agent sees now, as MCP lists them (wire names; `gateway.canonicalName` maps them back). */
export function wireTools(gateway: GatewayApi, agentId: string): Tool[] {
  const visible = gateway.listTools(agentId)
  const names = ToolNameMap.build(visible.map((d) => d.name))
  return visible.map((d) => toMcpTool(d, names.toWire(d.name) ?? d.name))
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
