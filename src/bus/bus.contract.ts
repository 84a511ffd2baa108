import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Bus, BusMessage } from './bus.js'

/** Collects what a subscription receives, and waits for it without sleeping blindly. */
export class Inbox {
  readonly received: { subject: string; message: BusMessage }[] = []
  readonly #waiters: (() => void)[] = []

  readonly handler = (message: BusMessage, subject: string): void => {
    this.received.push({ subject, message })
    for (const wake of this.#waiters.splice(0)) wake()
  }

  /** Resolves once `predicate` holds over what arrived; rejects after `ms`. */
  async until(predicate: (inbox: Inbox) => boolean, ms = 5_000): Promise<void> {
    const deadline = Date.now() + ms
    while (!predicate(this)) {
      const left = deadline - Date.now()
      if (left <= 0)
        throw new Error(`inbox: condition not met within ${ms} ms (${this.received.length} received)`)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left)
        this.#waiters.push(() => {
          clearTimeout(timer)
          resolve()
        })
      })
    }
  }

  subjects(): string[] {
    return this.received.map((r) => r.subject)
  }
}

/**
 * The one contract every Bus implementation passes (the Hono `runTest({ newRouter })` way): memory,
 * Redis and NATS run the same cases. `makeBus` returns a new bus on its own connection each call; the
 * buses it makes within one suite must reach each other. Each case works under a fresh random subject
 * prefix, so a shared broker needs no cleanup. "Nothing else arrived" is proved with a sentinel published
 * after the message that must not arrive: per-publisher ordering puts it behind.
 */
export function runBusContract(name: string, makeBus: () => Promise<Bus>): void {
  describe(`Bus contract: ${name}`, () => {
    let a: Bus
    let b: Bus
    beforeAll(async () => {
      a = await makeBus()
      b = await makeBus()
    })
    afterAll(async () => {
      await a?.close()
      await b?.close()
    })
    const prefix = () => `t${randomUUID().replaceAll('-', '')}`

    it('delivers a message published on one connection to a subscriber on another, with its envelope', async () => {
      const p = prefix()
      const inbox = new Inbox()
      await b.subscribe(`${p}.agent.x.pause`, inbox.handler)
      const sent = a.stamp({ reason: 'anomaly', nested: { n: 1 } })
      await a.publish(`${p}.agent.x.pause`, sent)
      await inbox.until((i) => i.received.length === 1)
      const got = inbox.received[0]!
      expect(got.subject).toBe(`${p}.agent.x.pause`)
      expect(got.message).toEqual(sent)
      expect(got.message.origin).toBe(a.origin)
      expect(got.message.origin).not.toBe(b.origin)
    })

    it('stamps strictly increasing sequence numbers and delivers one publisher in order', async () => {
      const p = prefix()
      const inbox = new Inbox()
      await b.subscribe(`${p}.seq`, inbox.handler)
      const sent = Array.from({ length: 50 }, (_, i) => a.stamp({ i }))
      for (const m of sent) await a.publish(`${p}.seq`, m)
      await inbox.until((i) => i.received.length === 50)
      const seqs = inbox.received.map((r) => r.message.seq)
      expect(seqs).toEqual(sent.map((m) => m.seq))
      expect(seqs.every((s, i) => i === 0 || s > seqs[i - 1]!)).toBe(true)
    })

    it('delivers a publisher its own messages', async () => {
      const p = prefix()
      const inbox = new Inbox()
      await a.subscribe(`${p}.self`, inbox.handler)
      await a.publish(`${p}.self`, a.stamp({}))
      await inbox.until((i) => i.received.length === 1)
    })

    it('matches `*` to exactly one token', async () => {
      const p = prefix()
      const inbox = new Inbox()
      await b.subscribe(`${p}.agent.*.pause`, inbox.handler)
      for (const s of [
        'agent.x.pause',
        'agent.x.y.pause',
        'agent.pause',
        'agent.x.resume',
        'agent.y.pause',
      ]) {
        await a.publish(`${p}.${s}`, a.stamp({}))
      }
      await inbox.until((i) => i.received.length >= 2)
      expect(inbox.subjects()).toEqual([`${p}.agent.x.pause`, `${p}.agent.y.pause`])
    })

    it('matches `>` to one or more trailing tokens, never to none', async () => {
      const p = prefix()
      const inbox = new Inbox()
      await b.subscribe(`${p}.agents.>`, inbox.handler)
      for (const s of ['agents', 'agents.emergency-stop', 'agents.a.b', 'agentsx.a']) {
        await a.publish(`${p}.${s}`, a.stamp({}))
      }
      await a.publish(`${p}.agents.sentinel`, a.stamp({}))
      await inbox.until((i) => i.subjects().includes(`${p}.agents.sentinel`))
      expect(inbox.subjects()).toEqual([
        `${p}.agents.emergency-stop`,
        `${p}.agents.a.b`,
        `${p}.agents.sentinel`,
      ])
    })

    it('drops a repeated message (same origin and sequence number)', async () => {
      const p = prefix()
      const inbox = new Inbox()
      await b.subscribe(`${p}.dup`, inbox.handler)
      const once = a.stamp({ n: 1 })
      await a.publish(`${p}.dup`, once)
      await a.publish(`${p}.dup`, once)
      await a.publish(`${p}.dup`, a.stamp({ n: 'sentinel' }))
      await inbox.until((i) => i.received.some((r) => r.message.payload['n'] === 'sentinel'))
      expect(inbox.received.map((r) => r.message.payload['n'])).toEqual([1, 'sentinel'])
    })

    it('delivers to each of two overlapping subscriptions once', async () => {
      const p = prefix()
      const exact = new Inbox()
      const wild = new Inbox()
      await b.subscribe(`${p}.agent.x.pause`, exact.handler)
      await b.subscribe(`${p}.agent.*.pause`, wild.handler)
      await a.publish(`${p}.agent.x.pause`, a.stamp({}))
      await a.publish(`${p}.agent.z.pause`, a.stamp({}))
      await wild.until((i) => i.received.length === 2)
      await exact.until((i) => i.received.length === 1)
      expect(exact.subjects()).toEqual([`${p}.agent.x.pause`])
    })

    it('stops delivering after unsubscribe', async () => {
      const p = prefix()
      const gone = new Inbox()
      const kept = new Inbox()
      const unsubscribe = await b.subscribe(`${p}.u`, gone.handler)
      await b.subscribe(`${p}.u`, kept.handler)
      await a.publish(`${p}.u`, a.stamp({ n: 1 }))
      await gone.until((i) => i.received.length === 1)
      await unsubscribe()
      await a.publish(`${p}.u`, a.stamp({ n: 2 }))
      await kept.until((i) => i.received.length === 2)
      expect(gone.received).toHaveLength(1)
    })

    it('keeps delivering to other subscribers when one handler throws', async () => {
      const p = prefix()
      const inbox = new Inbox()
      const warn = process.emitWarning
      process.emitWarning = () => {}
      try {
        await b.subscribe(`${p}.boom`, () => {
          throw new Error('handler bug')
        })
        await b.subscribe(`${p}.boom`, inbox.handler)
        await a.publish(`${p}.boom`, a.stamp({}))
        await a.publish(`${p}.boom`, a.stamp({}))
        await inbox.until((i) => i.received.length === 2)
      } finally {
        process.emitWarning = warn
      }
    })

    it('refuses wildcards and malformed subjects with BUS_SUBJECT_INVALID', async () => {
      for (const bad of [
        'agent.*.pause',
        'agents.>',
        '',
        'a..b',
        'a.b c',
        'a.[x]',
        'a.?',
        `a.${'x'.repeat(600)}`,
      ]) {
        await expect(a.publish(bad, a.stamp({}))).rejects.toMatchObject({ code: 'BUS_SUBJECT_INVALID' })
      }
      for (const bad of ['a.>.b', '', 'a..b', 'a.b*']) {
        await expect(a.subscribe(bad, () => {})).rejects.toMatchObject({ code: 'BUS_SUBJECT_INVALID' })
      }
    })

    it('reports itself connected with a recent lastOkAt', () => {
      const h = a.health()
      expect(h.connected).toBe(true)
      expect(Date.now() - h.lastOkAt).toBeLessThan(5_000)
    })

    it('keeps lastOkAt fresh while idle (the heartbeat the kill-switch lease relies on)', async () => {
      const before = b.health().lastOkAt
      await new Promise((resolve) => setTimeout(resolve, 1_200))
      const after = b.health()
      expect(after.lastOkAt).toBeGreaterThan(before)
      expect(Date.now() - after.lastOkAt).toBeLessThan(1_100)
    })

    it('refuses to publish after close, with BUS_CLOSED, and reports itself disconnected', async () => {
      const c = await makeBus()
      await c.close()
      await expect(c.publish('closed.test', c.stamp({}))).rejects.toMatchObject({ code: 'BUS_CLOSED' })
      expect(c.health().connected).toBe(false)
      await c.close()
    })
  })
}
