import { Redis } from 'ioredis'
import { withTimeout } from '../../core/with-timeout.js'
import { WardenError } from '../../errors/warden-error.js'
import type { Bus, BusHandler, BusHealth, BusMessage, BusPayload } from '../bus.js'
import { BUS_DEFAULTS } from '../defaults.js'
import { decodeMessage, encodeMessage, Stamper } from '../envelope.js'
import { assertPublishSubject, assertSubscribePattern, hasWildcard } from '../subject.js'
import { SubscriptionTable } from '../subscription-table.js'

/**
 * Redis pub/sub: one connection publishes, one sits in subscriber mode (Redis forbids other commands
 * on it). Wildcard patterns become PSUBSCRIBE globs, which are wider than NATS wildcards (`*` crosses
 * dots), so every delivery is filtered again against the NATS-style pattern.
 */
export class RedisBus implements Bus {
  readonly #stamper = new Stamper()
  readonly #table = new SubscriptionTable()
  readonly #pub: Redis
  readonly #sub: Redis
  /** Broker-side subscriptions (a channel or a glob) and how many local subscriptions use each. */
  readonly #refs = new Map<string, number>()
  #lastOkAt = 0
  #heartbeat: NodeJS.Timeout | undefined
  #closed = false

  private constructor(url: string) {
    const options = {
      lazyConnect: true,
      // Fail fast while disconnected: a queued publish would report success late, or never.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: BUS_DEFAULTS.connectTimeoutMs,
      retryStrategy: (attempt: number) => Math.min(attempt * 100, BUS_DEFAULTS.maxReconnectDelayMs),
    }
    this.#pub = new Redis(url, options)
    this.#sub = new Redis(url, { ...options, autoResubscribe: true })
    // Without a listener an 'error' event would crash the process; health() reports the outage instead.
    this.#pub.on('error', () => {})
    this.#sub.on('error', () => {})
    this.#sub.on('messageBuffer', (channel: Buffer, data: Buffer) => this.#receive(channel, data))
    this.#sub.on('pmessageBuffer', (_pattern: Buffer, channel: Buffer, data: Buffer) =>
      this.#receive(channel, data),
    )
  }

  /** Connects both connections or throws BUS_UNAVAILABLE. */
  static async open(url: string): Promise<RedisBus> {
    const bus = new RedisBus(url)
    try {
      await withTimeout(
        Promise.all([bus.#pub.connect(), bus.#sub.connect()]),
        BUS_DEFAULTS.connectTimeoutMs,
        'BUS_UNAVAILABLE',
        `connecting to ${redact(url)}`,
      )
    } catch (error) {
      bus.#pub.disconnect()
      bus.#sub.disconnect()
      throw new WardenError(
        'BUS_UNAVAILABLE',
        `cannot reach the Redis bus at ${redact(url)}: ${errorText(error)}`,
      )
    }
    bus.#lastOkAt = Date.now()
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
    try {
      await withTimeout(
        this.#pub.publish(subject, encodeMessage(message)),
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
    const tokens = assertSubscribePattern(subject)
    const wildcard = hasWildcard(tokens)
    const key = wildcard ? tokens.map((t) => (t === '*' || t === '>' ? '*' : t)).join('.') : subject
    const remove = this.#table.add(tokens, handler)
    this.#refs.set(key, (this.#refs.get(key) ?? 0) + 1)
    // Sent even when the channel is already subscribed (Redis treats a repeat as a no-op), so this call
    // resolves only once the broker has it, even while an earlier subscribe to the same key is in flight.
    try {
      await (wildcard ? this.#sub.psubscribe(key) : this.#sub.subscribe(key))
    } catch (error) {
      remove()
      void this.#release(key, wildcard)
      throw new WardenError('BUS_UNAVAILABLE', `subscribing to ${subject} failed: ${errorText(error)}`)
    }
    let done = false
    return async () => {
      if (done) return
      done = true
      remove()
      await this.#release(key, wildcard)
    }
  }

  health(): BusHealth {
    const connected = !this.#closed && this.#pub.status === 'ready' && this.#sub.status === 'ready'
    return { connected, lastOkAt: this.#lastOkAt }
  }

  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    clearInterval(this.#heartbeat)
    await Promise.allSettled([this.#pub.quit(), this.#sub.quit()])
    this.#pub.disconnect()
    this.#sub.disconnect()
  }

  async #release(key: string, wildcard: boolean): Promise<void> {
    const count = (this.#refs.get(key) ?? 1) - 1
    if (count > 0) {
      this.#refs.set(key, count)
      return
    }
    this.#refs.delete(key)
    if (this.#closed || this.#sub.status !== 'ready') return
    await (wildcard ? this.#sub.punsubscribe(key) : this.#sub.unsubscribe(key)).catch(() => undefined)
  }

  #receive(channel: Buffer, data: Buffer): void {
    if (this.#closed) return
    this.#lastOkAt = Date.now()
    const decoded = decodeMessage(data.toString('utf8'))
    if (decoded !== undefined) this.#table.dispatch(channel.toString('utf8'), decoded)
  }

  /** Proves both connections answer (PING works in subscriber mode too); the kill-switch lease reads this. */
  async #beat(): Promise<void> {
    if (this.#closed || this.#pub.status !== 'ready' || this.#sub.status !== 'ready') return
    try {
      await withTimeout(
        Promise.all([this.#pub.ping(), this.#sub.ping()]),
        BUS_DEFAULTS.heartbeatMs * 2,
        'BUS_UNAVAILABLE',
        'heartbeat',
      )
      this.#lastOkAt = Date.now()
    } catch {
      // lastOkAt stays where it was; the lease runs out if this keeps failing.
    }
  }

  #assertOpen(): void {
    if (this.#closed) throw new WardenError('BUS_CLOSED', 'the bus is closed')
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** The URL without its password, for messages. */
function redact(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@')
}
