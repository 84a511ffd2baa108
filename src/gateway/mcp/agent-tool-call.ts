import type { CallToolRequest } from '@modelcontextprotocol/sdk/types.js'
import type { GatewayApi, GatewayCallOptions } from '../gateway-api.js'
import { decisionOf } from '../http/metrics.js'
import type { ToolResult } from '../tool-source.js'
import type { AgentSession } from './agent-server.js'

/**
 * One `tools/call` of an agent's session handed to the gateway: the wire name mapped back to the canonical
 * one, `_meta.context` (what the agent states beside the call), `_meta.idempotencyKey` and `_meta.dryRun`
 * taken over, the decision counted. Shared by the SDK server's handler and the direct path
 * (direct-tool-call.ts), so both ask the gateway exactly the same question.
 */
export async function callAgentTool(
  gateway: GatewayApi,
  session: AgentSession,
  params: CallToolRequest['params'],
  options: GatewayCallOptions,
): Promise<ToolResult> {
  const started = performance.now()
  const meta = params._meta
  const context = plainObject(meta?.['context'])
  const idempotencyKey = meta?.['idempotencyKey']
  const result = await gateway.callTool(
    {
      agentId: session.agentId,
      sessionId: session.sessionId,
      tool: gateway.canonicalName(session.agentId, params.name),
      args: params.arguments ?? {},
      ...(context === undefined ? {} : { context }),
      ...(typeof idempotencyKey === 'string' && idempotencyKey !== '' ? { id: idempotencyKey } : {}),
      ...(meta?.['dryRun'] === true ? { dryRun: true } : {}),
    },
    options,
  )
  session.observe?.(decisionOf(result), (performance.now() - started) / 1000)
  return result
}

// `_meta.context` carries what the agent states beside the call (confidence, reasoning); only a plain object.
function plainObject(value: unknown): Record<string, unknown> | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined
  return value as Record<string, unknown>
}
