/** A JSON object carried on the bus (kill-switch and approval events). */
export type BusPayload = Readonly<Record<string, unknown>>

/**
 * What travels on the bus: the publisher's payload in an envelope that names the publishing instance
 * (`origin`), its monotonic sequence number (`seq`) and the publish time (`ts`, ms since the epoch).
 * Subscribers drop a message whose (origin, seq) they have already seen, so a retried publish or a
 * bridged relay never applies twice.
 */
export interface BusMessage {
  readonly origin: string
  readonly seq: number
  readonly ts: number
  readonly payload: BusPayload
}

/** Called once per delivered message; a handler that throws does not stop delivery to the others. */
export type BusHandler = (message: BusMessage, subject: string) => void

/** Whether the bus reaches its broker, and when it last proved it (a heartbeat or a message). */
export interface BusHealth {
  readonly connected: boolean
  /** Milliseconds since the epoch of the last successful round trip to the broker. */
  readonly lastOkAt: number
}

/**
 * One publish/subscribe interface over the in-process bus, Redis pub/sub and NATS (docs/killswitch.md).
 * Subjects are dot-separated tokens (`agent.reporter.pause`, `agents.emergency-stop`); subscriptions take
 * NATS-style wildcards on every implementation: `*` is exactly one token, `>` one or more trailing tokens.
 * Delivery is at most once (pub/sub keeps nothing for a disconnected subscriber): state that must survive
 * a missed message lives in a store, and the bus only makes it arrive fast.
 *
 * @example
 * const bus = await openBus('redis://127.0.0.1:6379')
 * const stop = await bus.subscribe('agent.*.pause', (m, subject) => console.log(subject, m.payload))
 * await bus.publish('agent.reporter.pause', bus.stamp({ reason: 'anomaly' }))
 */
export interface Bus {
  /** This instance's id, the `origin` of what it stamps. */
  readonly origin: string
  /** Wraps a payload in an envelope with this instance's origin, its next sequence number and the clock. */
  stamp(payload: BusPayload): BusMessage
  /** Resolves once the broker has accepted the message; rejects with BUS_PUBLISH_FAILED or BUS_CLOSED. */
  publish(subject: string, message: BusMessage): Promise<void>
  /** Resolves once the broker has registered the subscription; the result unsubscribes. */
  subscribe(subject: string, handler: BusHandler): Promise<() => Promise<void>>
  health(): BusHealth
  close(): Promise<void>
}
