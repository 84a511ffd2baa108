import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { MemoryBus, memoryHub } from '../bus/memory/memory-bus.js'
import type { KillSwitchEvent } from '../killswitch/event.js'
import { signEvent, verifyEvent } from '../killswitch/event-signature.js'
import type { Incident } from '../killswitch/incident.js'
import { AgentKillSwitch } from '../killswitch/kill-switch.js'
import { summaryOf } from '../killswitch/repository.js'
import type { Store } from './store.js'

/** A kill-switch event as an instance would issue it. */
export function anEvent(overrides: Partial<KillSwitchEvent> = {}): KillSwitchEvent {
  return {
    id: randomUUID(),
    kind: 'pause',
    agentId: 'reporter',
    reason: 'odd reads',
    actor: 'cli:alice',
    at: 1_000,
    origin: 'instance-a',
    ...overrides,
  } as KillSwitchEvent
}

/** An incident as the kill switch would record it. */
export function anIncident(overrides: Partial<Incident> = {}): Incident {
  return {
    id: randomUUID(),
    kind: 'paused',
    reason: 'odd reads',
    actor: 'cli:alice',
    at: 1_000,
    origin: 'instance-a',
    ...overrides,
  }
}

async function aKillSwitchOn(store: Store): Promise<AgentKillSwitch> {
  return AgentKillSwitch.open({
    bus: new MemoryBus(memoryHub(randomUUID())),
    repository: store.killSwitch,
    incidents: store.incidents,
  })
}

/**
 * The kill-switch and incident part of the store contract. `reopen`, when the store outlives its
 * handle (SQLite file, PostgreSQL), opens a second store on what the last `open()` opened.
 */
export function describeKillSwitchContract(
  getStore: () => Store,
  reopen: (() => Promise<Store>) | undefined,
): void {
  describe('kill-switch events', () => {
    it('loads events exactly as issued, so their signatures still verify', async () => {
      const key = 'a-shared-secret-of-at-least-32-chars'
      const pause = anEvent({ reason: 'quote " and \\ and ünïcode', at: 2 ** 52 })
      const { agentId: _, ...stop } = anEvent({ kind: 'emergency-stop' })
      await getStore().killSwitch.save(pause)
      await getStore().killSwitch.save(stop)
      const { events } = await getStore().killSwitch.load()
      expect([...events].sort((a, b) => a.at - b.at)).toEqual([stop, pause])
      for (const event of events) expect(verifyEvent(event, signEvent(event, key), key)).toBe(true)
      expect(events.find((e) => e.kind === 'emergency-stop')).not.toHaveProperty('agentId')
    })

    it('treats a second save of the same event id as a no-op, also when saves race', async () => {
      const event = anEvent()
      await Promise.all(Array.from({ length: 6 }, () => getStore().killSwitch.save(event)))
      await getStore().killSwitch.save({ ...event, kind: 'resume', reason: 'a forged copy' })
      expect((await getStore().killSwitch.load()).events).toEqual([event])
      expect((await getStore().killSwitch.summary()).count).toBe(1)
    })

    it('summarises what a load returns: count and newest time (a resync skips the load while both stay)', async () => {
      const store = getStore().killSwitch
      expect(await store.summary()).toEqual(summaryOf((await store.load()).events))
      const newest = Number.MAX_SAFE_INTEGER // later than any event the other tests save, exact as a double
      for (const at of [5, newest, 7]) await store.save(anEvent({ at }))
      const after = await store.summary()
      expect(after).toEqual(summaryOf((await store.load()).events))
      expect(after.newestAt).toBe(newest)
    })

    it('keeps a kill switch built on it fail-closed: state survives in the store, not in memory', async () => {
      const first = await aKillSwitchOn(getStore())
      await first.pause('reporter', 'before the restart')
      await first.terminate('rogue', 'exfiltration')
      await first.close()
      const second = await aKillSwitchOn(getStore())
      expect(second.admit('reporter')).toMatchObject({ ok: false, code: 'AGENT_PAUSED' })
      expect(second.admit('rogue')).toMatchObject({ ok: false, code: 'AGENT_TERMINATED' })
      await second.close()
      const kinds = (await getStore().incidents.list()).map((i) => i.kind)
      expect(kinds).toEqual(['paused', 'terminated'])
    })
  })

  describe('incidents', () => {
    it('lists by agent and inclusive time range, newest last, keeping the most recent under a limit', async () => {
      const store = getStore()
      for (const [at, agentId] of [
        [1, 'a'],
        [2, 'b'],
        [3, 'a'],
        [3, undefined],
        [5, 'a'],
      ] as const) {
        await store.incidents.record(
          anIncident({ at, reason: `at ${at} ${agentId}`, ...(agentId ? { agentId } : {}) }),
        )
      }
      const reasons = async (f: Parameters<Store['incidents']['list']>[0]) =>
        (await store.incidents.list(f)).map((i) => i.reason)
      expect(await reasons({})).toEqual(['at 1 a', 'at 2 b', 'at 3 a', 'at 3 undefined', 'at 5 a'])
      expect(await reasons({ agentId: 'a' })).toEqual(['at 1 a', 'at 3 a', 'at 5 a'])
      expect(await reasons({ sinceMs: 2, untilMs: 3 })).toEqual(['at 2 b', 'at 3 a', 'at 3 undefined'])
      expect(await reasons({ limit: 2 })).toEqual(['at 3 undefined', 'at 5 a'])
      expect(await reasons({ limit: 2, order: 'newest-first' })).toEqual(['at 5 a', 'at 3 undefined'])
      expect(await reasons({ agentId: "a' OR 1=1 --" })).toEqual([])
    })

    it('returns incidents as recorded and records an id once', async () => {
      const incident = anIncident({ agentId: 'x', detail: { failures: ['BUS_PUBLISH_FAILED'] } })
      await getStore().incidents.record(incident)
      await getStore().incidents.record({ ...incident, reason: 'again' })
      expect(await getStore().incidents.list()).toEqual([incident])
    })
  })

  if (reopen === undefined) return

  describe('kill-switch state across handles', () => {
    it('keeps a pause across a close and reopen', async () => {
      const ks = await aKillSwitchOn(getStore())
      await ks.pause('reporter', 'kept across restart')
      await ks.close()
      await getStore().close()
      const again = await reopen()
      try {
        const after = await aKillSwitchOn(again)
        expect(after.admit('reporter')).toMatchObject({
          code: 'AGENT_PAUSED',
          reason: expect.stringContaining('kept across restart'),
        })
        await after.close()
        expect((await again.incidents.list()).map((i) => i.kind)).toEqual(['paused'])
      } finally {
        await again.close()
      }
    })

    it('shows two open handles each other’s events and incidents, and duplicate saves meet', async () => {
      const other = await reopen()
      try {
        const fromA = anEvent({ agentId: 'a' })
        const fromB = anEvent({ agentId: 'b', kind: 'terminate' })
        await getStore().killSwitch.save(fromA)
        await other.killSwitch.save(fromB)
        // Each instance also saves what it heard on the bus from the other.
        await Promise.all([getStore().killSwitch.save(fromB), other.killSwitch.save(fromA)])
        const ids = async (s: Store) => (await s.killSwitch.load()).events.map((e) => e.id).sort()
        expect(await ids(getStore())).toEqual([fromA.id, fromB.id].sort())
        expect(await ids(other)).toEqual([fromA.id, fromB.id].sort())
        await other.incidents.record(anIncident({ agentId: 'b' }))
        expect((await getStore().incidents.list({ agentId: 'b' })).length).toBe(1)
      } finally {
        await other.close()
      }
    })

    it('fails closed on a closed store: a stop is still in force here, and the failure is coded', async () => {
      const ks = await aKillSwitchOn(getStore())
      await getStore().close()
      await expect(getStore().killSwitch.save(anEvent())).rejects.toMatchObject({
        code: 'KILL_SWITCH_PERSIST_FAILED',
      })
      await expect(ks.pause('reporter', 'store is gone')).rejects.toMatchObject({
        code: 'KILL_SWITCH_PERSIST_FAILED',
      })
      expect(ks.admit('reporter')).toMatchObject({ ok: false, code: 'AGENT_PAUSED' })
      await expect(getStore().killSwitch.load()).rejects.toMatchObject({ code: 'KILL_SWITCH_LOAD_FAILED' })
      await expect(getStore().incidents.list()).rejects.toMatchObject({ code: 'INCIDENT_LOG_FAILED' })
      await ks.close()
    })
  })
}
