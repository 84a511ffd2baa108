import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Bus } from '../bus/bus.js'
import { openBus } from '../bus/open-bus.js'
import { MemoryIncidentSink } from './incident.js'
import { AgentKillSwitch } from './kill-switch.js'
import { MemoryKillSwitchRepository } from './repository.js'

// Two kill switches on separate connections to a real broker stand for two gateway instances:
// a stop issued on A must reach B, and once B has applied it B admits nothing more.
const brokers = [
  ['Redis', process.env['WARDEN_TEST_REDIS']],
  ['NATS', process.env['WARDEN_TEST_NATS']],
] as const

for (const [name, url] of brokers) {
  if (url === undefined)
    console.warn(`propagation.test.ts: WARDEN_TEST_${name.toUpperCase()} is not set; skipped`)

  describe.skipIf(url === undefined)(`AgentKillSwitch across two instances on ${name}`, () => {
    const buses: Bus[] = []
    let a: AgentKillSwitch
    let b: AgentKillSwitch
    beforeAll(async () => {
      const open = async () => {
        const bus = await openBus(url!)
        buses.push(bus)
        const incidents = new MemoryIncidentSink()
        return AgentKillSwitch.open({ bus, repository: new MemoryKillSwitchRepository(), incidents })
      }
      a = await open()
      b = await open()
    })
    afterAll(async () => {
      await a?.close()
      await b?.close()
      await Promise.all(buses.map((bus) => bus.close()))
    })

    it('stops B when A issues an emergency stop, and B admits nothing after it applied the stop', async () => {
      const latencies: number[] = []
      for (let round = 0; round < 10; round++) {
        const samples: { t: number; ok: boolean }[] = []
        let receivedAt = Number.POSITIVE_INFINITY
        const stopWatching = b.onChange((c) => {
          if (c.source === 'bus' && c.event.kind === 'emergency-stop') receivedAt = performance.now()
        })
        let running = true
        const loop = (async () => {
          while (running) {
            samples.push({ t: performance.now(), ok: b.admit('worker').ok })
            await new Promise((resolve) => setImmediate(resolve))
          }
        })()
        await new Promise((resolve) => setTimeout(resolve, 5))
        const issuedAt = performance.now()
        await a.emergencyStop(`round ${round}`)
        const ackAt = performance.now()
        await expect
          .poll(() => receivedAt, { timeout: 5_000, interval: 1 })
          .toBeLessThan(Number.POSITIVE_INFINITY)
        await new Promise((resolve) => setTimeout(resolve, 5))
        running = false
        await loop
        stopWatching()

        expect(samples.filter((s) => s.t < issuedAt).every((s) => s.ok)).toBe(true)
        expect(samples.some((s) => s.t < issuedAt)).toBe(true)
        const after = samples.filter((s) => s.t > Math.max(ackAt, receivedAt))
        expect(after.length).toBeGreaterThan(0)
        expect(after.filter((s) => s.ok)).toEqual([])
        expect(a.admit('worker').ok).toBe(false)
        latencies.push(receivedAt - issuedAt)

        const cleared = new Promise<void>((resolve) => {
          const stop = b.onChange((c) => {
            if (c.event.kind !== 'emergency-clear') return
            stop()
            resolve()
          })
        })
        await a.clearEmergency(`round ${round} over`)
        await cleared
        expect(b.admit('worker').ok).toBe(true)
      }
      latencies.sort((x, y) => x - y)
      const ms = (v: number) => `${v.toFixed(2)} ms`
      console.log(
        `${name}: emergency stop A→B over ${latencies.length} rounds: median ${ms(latencies[5]!)}, max ${ms(latencies.at(-1)!)}`,
      )
    })

    it('carries a pause and a resume of one agent from A to B', async () => {
      const seen = (kind: string) =>
        new Promise<void>((resolve) => {
          const stop = b.onChange((c) => {
            if (c.event.kind !== kind || c.event.agentId !== 'agent.with*dots>') return
            stop()
            resolve()
          })
        })
      const paused = seen('pause')
      await a.pause('agent.with*dots>', 'wildcards in an id stay literal')
      await paused
      expect(b.admit('agent.with*dots>')).toMatchObject({ ok: false, code: 'AGENT_PAUSED' })
      expect(b.admit('agent')).toEqual({ ok: true })
      const resumed = seen('resume')
      await a.resume('agent.with*dots>', 'ok')
      await resumed
      expect(b.admit('agent.with*dots>')).toEqual({ ok: true })
    })
  })
}
