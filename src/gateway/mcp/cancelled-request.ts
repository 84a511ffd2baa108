import {
  CancelledNotificationSchema,
  JSONRPCNotificationSchema,
  type RequestId,
} from '@modelcontextprotocol/sdk/types.js'
import { isSingleMessage } from './direct-tool-call.js'

/**
 * The controller of the direct call (direct-tool-call.ts) that a POST body cancels: one
 * `notifications/cancelled` naming a request id in flight on this session, valid by the SDK's own schemas,
 * under a protocol version the SDK supports. Anything else, including a cancellation of a call the SDK
 * server is running, goes to the SDK transport as before.
 */
export function cancelledRequestOf(
  parsed: unknown,
  protocolVersion: string | null,
  inFlight: ReadonlyMap<RequestId, AbortController>,
): AbortController | undefined {
  if (!isSingleMessage(parsed, 'notifications/cancelled', protocolVersion)) return undefined
  const message = JSONRPCNotificationSchema.safeParse(parsed)
  if (!message.success) return undefined
  const notification = CancelledNotificationSchema.safeParse(message.data)
  const id = notification.success ? notification.data.params.requestId : undefined
  return id === undefined ? undefined : inFlight.get(id)
}
