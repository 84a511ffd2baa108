import { randomUUID } from 'node:crypto'
import { connect, createServer, type Server, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import type { Bus } from '../bus/bus.js'
import { openBus } from '../bus/open-bus.js'
import { MemoryIncidentSink } from './incident.js'
import { AgentKillSwitch } from './kill-switch.js'
import { MemoryKillSwitchRepository } from './repository.js'

/** A TCP proxy in front of a real broker that a test can cut (connections reset) or stall (bytes stop). */
class BrokerProxy {
  readonly #server: Server
  readonly #pairs = new Set<[Socket, Socket]>()
  #refusing = false
  port = 0

  constructor(target: URL) {
    this.#server = createServer((client) => {
      if (this.#refusing) return client.destroy()
      const upstream = connect(Number(target.port), target.hostname)
      const pair: [Socket, Socket] = [client, upstream]
      this.#pairs.add(pair)
      client.pipe(upstream)
      upstream.pipe(client)
      const drop = () => {
        client.destroy()
        upstream.destroy()
        this.#pairs.delete(pair)
      }
      client.on('error', drop).on('close', drop)
      upstream.on('error', drop).on('close', drop)
    })
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve))
    this.port = (this.#server.address() as { port: number }).port
  }

  /** Resets every connection and refuses new ones: the broker is gone. */
  cut(): void {
    this.#refusing = true
    for (const [a, b] of this.#pairs) {
      a.destroy()
      b.destroy()
    }
    this.#pairs.clear()
  }

  /** Connections stay open but nothing moves: the nastier outage, with no error to notice. */
  stall(): void {
    for (const [a, b] of this.#pairs) {
      a.unpipe()
      b.unpipe()
      a.pause()
      b.pause()
    }
  }

  restore(): void {
    this.#refusing = false
    for (const [a, b] of this.#pairs) {
      a.pipe(b)
      b.pipe(a)
      a.resume()
      b.resume()
    }
  }

  close(): void {
    this.cut()
    this.#server.close()
  }
}

const brokers = [
  ['Redis', process.env['WARDEN_TEST_REDIS']],
  ['NATS', process.env['WARDEN_TEST_NATS']],
] as const
const LEASE_MS = 1_500
const cleanup: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn()
})

for (const [name, url] of brokers) {
  if (url === undefined) console.warn(`outage.test.ts: WARDEN_TEST_${name.toUpperCase()} is not set; skipped`)

  describe.skipIf(url === undefined)(`AgentKillSwitch when ${name} goes away`, () => {
    async function setUp() {
      const target = new URL(url!)
      const proxy = new BrokerProxy(target)
      await proxy.listen()
      cleanup.push(() => proxy.close())
      const shared = new MemoryKillSwitchRepository()
      const open = async (busUrl: string) => {
        const bus: Bus = await openBus(busUrl)
        const incidents = new MemoryIncidentSink()
        const ks = await AgentKillSwitch.open({ bus, repository: shared, incidents, leaseMs: LEASE_MS })
        cleanup.push(async () => {
          await ks.close()
          await bus.close()
        })
        return { ks, incidents }
      }
      const viaProxy = `${target.protocol}//127.0.0.1:${proxy.port}`
      return { proxy, cutOff: await open(viaProxy), other: await open(url!) }
    }

    for (const outage of ['cut', 'stall'] as const) {
      it(`fails closed past the lease when the connection is ${outage === 'cut' ? 'reset' : 'stalled'}, then catches up`, async () => {
        const { proxy, cutOff, other } = await setUp()
        expect(cutOff.ks.admit('reporter')).toEqual({ ok: true })
        proxy[outage]()
        const missed = `missed-${randomUUID()}`
        await other.ks.pause(missed, 'paused while the first instance could not hear')
        await expect
          .poll(() => cutOff.ks.admit('reporter').ok === false, { timeout: LEASE_MS * 4, interval: 50 })
          .toBe(true)
        expect(cutOff.ks.admit('reporter')).toMatchObject({ code: 'KILL_SWITCH_UNAVAILABLE' })
        proxy.restore()
        await expect.poll(() => cutOff.ks.admit('reporter').ok, { timeout: 10_000, interval: 50 }).toBe(true)
        expect(cutOff.ks.admit(missed)).toMatchObject({ code: 'AGENT_PAUSED' })
        expect(cutOff.incidents.list().map((i) => i.kind)).toEqual(
          expect.arrayContaining(['kill-switch-unavailable', 'kill-switch-recovered']),
        )
        const after = `after-${randomUUID()}`
        await other.ks.pause(after, 'the subscription works again')
        await expect.poll(() => cutOff.ks.admit(after).ok, { timeout: 5_000, interval: 20 }).toBe(false)
      })
    }
  })
}
