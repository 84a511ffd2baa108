import { connect, type NatsConnection, type NodeConnectionOptions } from '@nats-io/transport-node'
import { withTimeout } from '../../core/with-timeout.js'
import { WardenError } from '../../errors/warden-error.js'
import type { Bus, BusHandler, BusHealth, BusMessage, BusPayload } from '../bus.js'
import { Deduplicator } from '../dedup.js'
import { BUS_DEFAULTS } from '../defaults.js'
import { decodeMessage, encodeMessage, Stamper } from '../envelope.js'
import { assertPublishSubject, assertSubscribePattern } from '../subject.js'
import { deliver } from '../subscription-table.js'

const decoder = new TextDecoder()

/**
 * NATS core pub/sub. Wildcards are native and mean what the Bus interface says. A publish is
 * acknowledged by a flush (a PING/PONG round trip after the message), so it resolves only once the
 * server holds the message.
 */
export class NatsBus implements Bus {
  readonly #stamper = new Stamper()
  readonly #nc: NatsConnection
  #connected = true
  #lastOkAt = Date.now()
  #heartbeat: NodeJS.Timeout | undefined
  #closed = false

  private constructor(nc: NatsConnection) {
    this.#nc = nc
  }

  /** Connects or throws BUS_UNAVAILABLE; afterwards reconnects forever in the background. */
  static async open(url: string): Promise<NatsBus> {
    let nc: NatsConnection
    try {
      nc = await connect(connectionOptions(url))
    } catch (error) {
      throw new WardenError(
        'BUS_UNAVAILABLE',
        `cannot reach the NATS bus at ${redact(url)}: ${errorText(error)}`,
      )
    }
    const bus = new NatsBus(nc)
    void bus.#watch()
    bus.#heartbeat = setInterval(() => void bus.#beat(), BUS_DEFAULTS.heartbeatMs)
    bus.#heartbeat.unref()
    return bus
  }

  get origin(): string {
    return this.#stamper.origin
  }

  stamp(payload: BusPayload): BusMessage {
    return this.#stamper.stamp(payload)
  }

  async publish(subject: string, message: BusMessage): Promise<void> {
    this.#assertOpen()
    assertPublishSubject(subject)
    // While disconnected the client would buffer and send on reconnect, long after the caller was told
    // the publish failed; refuse instead, so a reported failure means the message was not sent.
    if (!this.#connected)
      throw new WardenError('BUS_PUBLISH_FAILED', `publishing on ${subject}: NATS is disconnected`)
    try {
      this.#nc.publish(subject, encodeMessage(message))
      await withTimeout(
        this.#nc.flush(),
        BUS_DEFAULTS.publishTimeoutMs,
        'BUS_PUBLISH_FAILED',
        `publishing on ${subject}`,
      )
    } catch (error) {
      throw new WardenError('BUS_PUBLISH_FAILED', `publishing on ${subject} failed: ${errorText(error)}`)
    }
    this.#lastOkAt = Date.now()
  }

  async subscribe(subject: string, handler: BusHandler): Promise<() => Promise<void>> {
    this.#assertOpen()
    assertSubscribePattern(subject)
    const dedup = new Deduplicator()
    const sub = this.#nc.subscribe(subject, {
      callback: (error, msg) => {
        if (error !== null || this.#closed) return
        this.#lastOkAt = Date.now()
        const decoded = decodeMessage(decoder.decode(msg.data))
        if (decoded === undefined || !dedup.firstTime(decoded.origin, decoded.seq)) return
        deliver(handler, decoded, msg.subject)
      },
    })
    try {
      await withTimeout(
        this.#nc.flush(),
        BUS_DEFAULTS.publishTimeoutMs,
        'BUS_UNAVAILABLE',
        `subscribing to ${subject}`,
      )
    } catch (error) {
      sub.unsubscribe()
      throw new WardenError('BUS_UNAVAILABLE', `subscribing to ${subject} failed: ${errorText(error)}`)
    }
    return async () => {
      if (!sub.isClosed()) sub.unsubscribe()
    }
  }

  health(): BusHealth {
    return { connected: !this.#closed && this.#connected, lastOkAt: this.#lastOkAt }
  }

  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    clearInterval(this.#heartbeat)
    await withTimeout(this.#nc.drain(), BUS_DEFAULTS.publishTimeoutMs, 'BUS_CLOSED', 'draining').catch(() =>
      this.#nc.close(),
    )
  }

  async #watch(): Promise<void> {
    for await (const status of this.#nc.status()) {
      if (status.type === 'disconnect' || status.type === 'staleConnection') this.#connected = false
      if (status.type === 'reconnect') {
        this.#connected = true
        this.#lastOkAt = Date.now()
      }
    }
  }

  async #beat(): Promise<void> {
    if (this.#closed || !this.#connected) return
    try {
      await withTimeout(this.#nc.flush(), BUS_DEFAULTS.heartbeatMs * 2, 'BUS_UNAVAILABLE', 'heartbeat')
      this.#lastOkAt = Date.now()
    } catch {
      // lastOkAt stays where it was; the kill-switch lease runs out if this keeps failing.
    }
  }

  #assertOpen(): void {
    if (this.#closed) throw new WardenError('BUS_CLOSED', 'the bus is closed')
  }
}

/** `nats://user:pass@host:4222` or `nats://token@host:4222` → connection options. */
function connectionOptions(url: string): NodeConnectionOptions {
  const parsed = new URL(url)
  const options: NodeConnectionOptions = {
    servers: `${parsed.hostname}:${parsed.port || '4222'}`,
    timeout: BUS_DEFAULTS.connectTimeoutMs,
    reconnect: true,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
    pingInterval: 10_000,
    name: 'warden',
  }
  const user = decodeURIComponent(parsed.username)
  const pass = decodeURIComponent(parsed.password)
  if (user !== '' && pass !== '') return { ...options, user, pass }
  if (user !== '') return { ...options, token: user }
  return options
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@')
}
