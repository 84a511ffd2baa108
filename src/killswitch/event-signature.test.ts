import { randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { MemoryBus, memoryHub } from '../bus/memory/memory-bus.js'
import type { KillSwitchEvent } from './event.js'
import { signEvent, verifyEvent } from './event-signature.js'
import { MemoryIncidentSink } from './incident.js'
import { AgentKillSwitch, type KillSwitchChange } from './kill-switch.js'
import { MemoryKillSwitchRepository } from './repository.js'

const KEY = 'k'.repeat(32)
const OTHER_KEY = 'o'.repeat(32)
const anEvent = (over: Partial<KillSwitchEvent> = {}): KillSwitchEvent => ({
  id: randomUUID(),
  kind: 'resume',
  agentId: 'victim',
  reason: 'looks fine',
  actor: 'mallory',
  at: Date.now() + 60_000,
  origin: 'forged',
  ...over,
})

describe('signEvent / verifyEvent', () => {
  it('accepts the signature of the same event under the same key only', () => {
    const event = anEvent()
    const mac = signEvent(event, KEY)
    expect(verifyEvent(event, mac, KEY)).toBe(true)
    expect(verifyEvent(event, mac, OTHER_KEY)).toBe(false)
    expect(verifyEvent({ ...event, reason: 'changed' }, mac, KEY)).toBe(false)
    expect(verifyEvent({ ...event, agentId: 'other' }, mac, KEY)).toBe(false)
    expect(verifyEvent(event, undefined, KEY)).toBe(false)
    expect(verifyEvent(event, 'x'.repeat(10_000), KEY)).toBe(false)
  })
})

const opened: AgentKillSwitch[] = []
afterEach(async () => {
  await Promise.all(opened.splice(0).map((ks) => ks.close()))
})

describe('AgentKillSwitch with a bus key', () => {
  async function twoInstances() {
    const hub = randomUUID()
    const open = async () => {
      const ks = await AgentKillSwitch.open({
        bus: new MemoryBus(memoryHub(hub)),
        repository: new MemoryKillSwitchRepository(),
        incidents: new MemoryIncidentSink(),
        busKey: KEY,
      })
      opened.push(ks)
      return ks
    }
    return { a: await open(), b: await open(), attacker: new MemoryBus(memoryHub(hub)) }
  }

  it('applies events signed by a peer and drops forged, unsigned or altered ones', async () => {
    const { a, b, attacker } = await twoInstances()
    const changes: KillSwitchChange[] = []
    b.onChange((c) => changes.push(c))
    await a.pause('victim', 'suspicious')
    await expect.poll(() => b.admit('victim').ok).toBe(false)

    const unsigned = anEvent()
    const wrongKey = anEvent()
    const genuine = anEvent({ kind: 'pause', reason: 'genuine' })
    const altered = { ...genuine, kind: 'resume' as const }
    await attacker.publish('agent.victim.resume', attacker.stamp({ event: unsigned }))
    await attacker.publish(
      'agent.victim.resume',
      attacker.stamp({ event: wrongKey, mac: signEvent(wrongKey, OTHER_KEY) }),
    )
    await attacker.publish(
      'agent.victim.resume',
      attacker.stamp({ event: altered, mac: signEvent(genuine, KEY) }),
    )
    await expect.poll(() => b.rejectedEvents).toBe(3)
    expect(b.admit('victim')).toMatchObject({ code: 'AGENT_PAUSED' })
    expect(changes.map((c) => c.source)).toEqual(['bus'])
  })

  it('refuses a key shorter than 32 characters', async () => {
    await expect(
      AgentKillSwitch.open({
        bus: new MemoryBus(memoryHub(randomUUID())),
        repository: new MemoryKillSwitchRepository(),
        incidents: new MemoryIncidentSink(),
        busKey: 'short',
      }),
    ).rejects.toMatchObject({ code: 'KILL_SWITCH_INVALID' })
  })
})
