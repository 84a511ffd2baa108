import type { Server } from '@modelcontextprotocol/sdk/server/index.js'
import type { RequestId } from '@modelcontextprotocol/sdk/types.js'
import type { GatewayCallOptions } from '../gateway-api.js'

/**
 * The `confirm` of a call whose client declared form elicitation, else undefined (the call then gets the
 * pending approval id as any other). The question goes out on the call's own stream (`relatedRequestId`),
 * with one required boolean; only `accept` with `confirm: true` is a yes.
 */
export function elicitConfirm(server: Server, requestId: RequestId): GatewayCallOptions['confirm'] {
  if (server.getClientCapabilities()?.elicitation?.form === undefined) return undefined
  return async function confirmByElicitation(prompt, { signal, timeoutMs }) {
    const answer = await server.elicitInput(
      {
        mode: 'form',
        message: prompt.message,
        requestedSchema: {
          type: 'object',
          properties: {
            confirm: {
              type: 'boolean',
              title: `Run ${prompt.tool}`,
              description: `Confirm approval ${prompt.approvalId}: the action runs once, exactly as shown.`,
            },
          },
          required: ['confirm'],
        },
      },
      { relatedRequestId: requestId, signal, timeout: timeoutMs },
    )
    if (answer.action === 'accept') return answer.content?.['confirm'] === true ? 'accept' : 'decline'
    return answer.action
  }
}
