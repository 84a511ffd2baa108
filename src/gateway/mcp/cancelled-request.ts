import {
  CancelledNotificationSchema,
  JSONRPCNotificationSchema,
  type RequestId,
  SUPPORTED_PROTOCOL_VERSIONS,
} from '@modelcontextprotocol/sdk/types.js'

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
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined
  if ((parsed as { method?: unknown }).method !== 'notifications/cancelled') return undefined
  if (protocolVersion !== null && !SUPPORTED_PROTOCOL_VERSIONS.includes(protocolVersion)) return undefined
  const message = JSONRPCNotificationSchema.safeParse(parsed)
  if (!message.success) return undefined
  const notification = CancelledNotificationSchema.safeParse(message.data)
  const id = notification.success ? notification.data.params.requestId : undefined
  return id === undefined ? undefined : inFlight.get(id)
}
