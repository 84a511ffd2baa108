import type { Transport, TransportSendOptions } from '@modelcontextprotocol/sdk/shared/transport.js'
import type { JSONRPCMessage, MessageExtraInfo } from '@modelcontextprotocol/sdk/types.js'
import { nextTurn } from '../../core/next-turn.js'

type Delivery =
  | { kind: 'message'; message: JSONRPCMessage; extra: MessageExtraInfo | undefined }
  | { kind: 'close' }

/**
 * Delivers a transport's messages one at a time, letting each notification's handler run before the next
 * message. The SDK's Protocol runs notification handlers a microtask later but resolves responses at once,
 * so a server's last progress notification, read in the same chunk as the response, would be dropped (its
 * handler is gone by then). The close is queued behind the messages for the same reason.
 */
export class OrderedTransport implements Transport {
  onclose?: () => void
  onerror?: (error: Error) => void
  onmessage?: (message: JSONRPCMessage, extra?: MessageExtraInfo) => void
  readonly inner: Transport
  readonly #queue: Delivery[] = []
  #pumping = false

  constructor(inner: Transport) {
    this.inner = inner
  }

  get sessionId(): string | undefined {
    return this.inner.sessionId
  }

  /** The protocol version negotiated at initialize, as the wrapped HTTP transport keeps it (stdio: none). */
  get protocolVersion(): string | undefined {
    return (this.inner as { readonly protocolVersion?: string }).protocolVersion
  }

  setProtocolVersion(version: string): void {
    this.inner.setProtocolVersion?.(version)
  }

  /** Delivers a server message read outside this transport (a direct call's stream), in order with its own. */
  deliver(message: JSONRPCMessage): void {
    this.#push({ kind: 'message', message, extra: undefined })
  }

  start(): Promise<void> {
    this.inner.onmessage = (message, extra) => this.#push({ kind: 'message', message, extra })
    this.inner.onclose = () => this.#push({ kind: 'close' })
    this.inner.onerror = (error) => this.onerror?.(error)
    return this.inner.start()
  }

  send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    return this.inner.send(message, options)
  }

  close(): Promise<void> {
    return this.inner.close()
  }

  #push(delivery: Delivery): void {
    this.#queue.push(delivery)
    if (!this.#pumping) void this.#pump()
  }

  async #pump(): Promise<void> {
    this.#pumping = true
    try {
      for (let next = this.#queue.shift(); next !== undefined; next = this.#queue.shift()) {
        if (next.kind === 'close') {
          this.onclose?.()
          continue
        }
        this.onmessage?.(next.message, next.extra)
        // Streams can emit several chunks in one tick: wait after every notification, not only when more is queued.
        if (!('id' in next.message)) await nextTurn()
      }
    } finally {
      this.#pumping = false
    }
  }
}
