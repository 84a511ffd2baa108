import { WardenError } from '../../errors/warden-error.js'
import type { Bus, BusHandler, BusHealth, BusMessage, BusPayload } from '../bus.js'
import { Stamper } from '../envelope.js'
import { assertPublishSubject, assertSubscribePattern } from '../subject.js'
import { SubscriptionTable } from '../subscription-table.js'

/** Buses attached to one hub see each other's messages; `memory:` uses the process-wide hub. */
export class MemoryHub {
  readonly #buses = new Set<MemoryBus>()

  attach(bus: MemoryBus): () => void {
    this.#buses.add(bus)
    return () => this.#buses.delete(bus)
  }

  deliver(subject: string, message: BusMessage): void {
    for (const bus of this.#buses) bus.receive(subject, message)
  }
}

const HUBS = new Map<string, MemoryHub>()

/** The hub for a name (`memory:` is '', `memory:tests-1` is 'tests-1'), created on first use. */
export function memoryHub(name = ''): MemoryHub {
  let hub = HUBS.get(name)
  if (hub === undefined) {
    hub = new MemoryHub()
    HUBS.set(name, hub)
  }
  return hub
}

/**
 * The in-process bus: the default for one gateway process. Delivery is asynchronous (a microtask after
 * publish), like the brokers', so code tested on it does not come to rely on synchronous handlers.
 *
 * @example
 * const a = new MemoryBus(memoryHub('t')), b = new MemoryBus(memoryHub('t'))
 * await b.subscribe('agents.>', (m) => console.log(m.payload)); await a.publish('agents.emergency-stop', a.stamp({}))
 */
export class MemoryBus implements Bus {
  readonly #stamper = new Stamper()
  readonly #table = new SubscriptionTable()
  readonly #detach: () => void
  readonly #hub: MemoryHub
  #closed = false

  constructor(hub: MemoryHub = memoryHub()) {
    this.#hub = hub
    this.#detach = hub.attach(this)
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
    // A structured clone stands in for the wire: no subscriber can mutate the publisher's object.
    const copy = structuredClone(message)
    queueMicrotask(() => this.#hub.deliver(subject, copy))
  }

  async subscribe(subject: string, handler: BusHandler): Promise<() => Promise<void>> {
    this.#assertOpen()
    const remove = this.#table.add(assertSubscribePattern(subject), handler)
    return async () => {
      remove()
    }
  }

  /** Called by the hub for every message published on it. */
  receive(subject: string, message: BusMessage): void {
    if (!this.#closed) this.#table.dispatch(subject, message)
  }

  health(): BusHealth {
    return { connected: !this.#closed, lastOkAt: this.#closed ? 0 : Date.now() }
  }

  async close(): Promise<void> {
    this.#closed = true
    this.#detach()
  }

  #assertOpen(): void {
    if (this.#closed) throw new WardenError('BUS_CLOSED', 'the bus is closed')
  }
}
