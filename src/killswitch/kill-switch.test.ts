import { randomUUID } from 'node:crypto'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Bus, BusHandler, BusHealth, BusMessage, BusPayload } from '../bus/bus.js'
import { MemoryBus, memoryHub } from '../bus/memory/memory-bus.js'
import { WardenError } from '../errors/warden-error.js'
import { openStore } from '../store/open-store.js'
import type { KillSwitchEvent } from './event.js'
import { MemoryIncidentSink } from './incident.js'
import { AgentKillSwitch, type KillSwitchChange, type KillSwitchOptions } from './kill-switch.js'
import { type KillSwitchRepository, MemoryKillSwitchRepository, summaryOf } from './repository.js'

/** A memory bus whose connection a test can cut: nothing is delivered or published while it is down. */
class FlakyBus implements Bus {
  readonly inner: MemoryBus
  #down = false
  #lastOkAt = Date.now()
  constructor(hub: string) {
    this.inner = new MemoryBus(memoryHub(hub))
  }
  get origin(): string {
    return this.inner.origin
  }
  stamp(payload: BusPayload): BusMessage {
    return this.inner.stamp(payload)
  }
  down(silentForMs: number): void {
    this.#down = true
    this.#lastOkAt = Date.now() - silentForMs
  }
  up(): void {
    this.#down = false
  }
  async publish(subject: string, message: BusMessage): Promise<void> {
    if (this.#down) throw new WardenError('BUS_PUBLISH_FAILED', 'down')
    await this.inner.publish(subject, message)
  }
  subscribe(subject: string, handler: BusHandler): Promise<() => Promise<void>> {
    return this.inner.subscribe(subject, (m, s) => {
      if (!this.#down) handler(m, s)
    })
  }
  health(): BusHealth {
    if (this.#down) return { connected: false, lastOkAt: this.#lastOkAt }
    return { connected: true, lastOkAt: Date.now() }
  }
  close(): Promise<void> {
    return this.inner.close()
  }
}

const opened: AgentKillSwitch[] = []
afterEach(async () => {
  await Promise.all(opened.splice(0).map((ks) => ks.close()))
})

async function aKillSwitch(overrides: Partial<KillSwitchOptions> = {}) {
  const incidents = new MemoryIncidentSink()
  const options: KillSwitchOptions = {
    bus: new MemoryBus(memoryHub(randomUUID())),
    repository: new MemoryKillSwitchRepository(),
    incidents,
    ...overrides,
  }
  const ks = await AgentKillSwitch.open(options)
  opened.push(ks)
  return { ks, incidents: (overrides.incidents as MemoryIncidentSink | undefined) ?? incidents, options }
}

/** Resolves with the first change `ks` applies that satisfies `predicate`. */
function nextChange(
  ks: AgentKillSwitch,
  predicate: (c: KillSwitchChange) => boolean,
): Promise<KillSwitchChange> {
  return new Promise((resolve) => {
    const stop = ks.onChange((c) => {
      if (!predicate(c)) return
      stop()
      resolve(c)
    })
  })
}

describe('AgentKillSwitch', () => {
  it('admits an agent nobody stopped', async () => {
    const { ks } = await aKillSwitch()
    expect(ks.admit('reporter')).toEqual({ ok: true })
  })

  it('denies a paused agent with AGENT_PAUSED and the reason, and admits it again after resume', async () => {
    const { ks } = await aKillSwitch()
    const status = await ks.pause('reporter', 'reads files it never reads', 'alice')
    expect(status).toMatchObject({ state: 'paused', reason: 'reads files it never reads', actor: 'alice' })
    expect(ks.admit('reporter')).toMatchObject({ ok: false, code: 'AGENT_PAUSED' })
    expect(ks.admit('other')).toEqual({ ok: true })
    await ks.resume('reporter', 'investigated: false positive')
    expect(ks.admit('reporter')).toEqual({ ok: true })
  })

  it('makes termination final and runs onTerminate once', async () => {
    const onTerminate = vi.fn(async () => {})
    const { ks } = await aKillSwitch({ onTerminate })
    await ks.terminate('rogue', 'exfiltration attempt')
    expect(ks.admit('rogue')).toMatchObject({ ok: false, code: 'AGENT_TERMINATED' })
    await expect(ks.resume('rogue', 'oops')).rejects.toMatchObject({ code: 'KILL_SWITCH_TERMINATED_FINAL' })
    await expect(ks.pause('rogue', 'again')).rejects.toMatchObject({ code: 'KILL_SWITCH_TERMINATED_FINAL' })
    await ks.terminate('rogue', 'twice')
    expect(onTerminate).toHaveBeenCalledTimes(1)
    expect(onTerminate).toHaveBeenCalledWith('rogue')
    expect(ks.admit('rogue')).toMatchObject({ ok: false, code: 'AGENT_TERMINATED' })
  })

  it('reports KILL_SWITCH_HOOK_FAILED when onTerminate fails, and still denies the agent', async () => {
    const { ks, incidents } = await aKillSwitch({
      onTerminate: async () => {
        throw new Error('key store down')
      },
    })
    await expect(ks.terminate('rogue', 'x')).rejects.toMatchObject({ code: 'KILL_SWITCH_HOOK_FAILED' })
    expect(ks.admit('rogue')).toMatchObject({ code: 'AGENT_TERMINATED' })
    await expect.poll(() => incidents.list().map((i) => i.kind)).toContain('terminate-hook-failed')
  })

  it('stops every agent, including ones never seen, until the emergency is cleared', async () => {
    const { ks } = await aKillSwitch()
    await ks.pause('held', 'separately paused')
    await ks.emergencyStop('prompt-injection campaign')
    for (const agent of ['reporter', 'held', `never-seen-${randomUUID()}`]) {
      expect(ks.admit(agent)).toMatchObject({ ok: false, code: 'EMERGENCY_STOP' })
    }
    expect(ks.emergency()).toMatchObject({ active: true, reason: 'prompt-injection campaign' })
    await ks.clearEmergency('contained')
    expect(ks.admit('reporter')).toEqual({ ok: true })
    expect(ks.admit('held')).toMatchObject({ code: 'AGENT_PAUSED' })
  })

  it('records an incident event for each operation, with actor and reason', async () => {
    const { ks, incidents } = await aKillSwitch()
    await ks.pause('a', 'r1', 'alice')
    await ks.resume('a', 'r2', 'bob')
    await ks.terminate('a', 'r3')
    await ks.emergencyStop('r4')
    await ks.clearEmergency('r5')
    expect(incidents.list().map((i) => [i.kind, i.agentId, i.reason, i.actor])).toEqual([
      ['paused', 'a', 'r1', 'alice'],
      ['resumed', 'a', 'r2', 'bob'],
      ['terminated', 'a', 'r3', 'operator'],
      ['emergency-stop', undefined, 'r4', 'operator'],
      ['emergency-cleared', undefined, 'r5', 'operator'],
    ])
  })

  it('refuses blank reasons and bad agent ids with KILL_SWITCH_INVALID', async () => {
    const { ks } = await aKillSwitch()
    await expect(ks.pause('a', '  ')).rejects.toMatchObject({ code: 'KILL_SWITCH_INVALID' })
    await expect(ks.pause('', 'r')).rejects.toMatchObject({ code: 'KILL_SWITCH_INVALID' })
    await expect(ks.pause('a\nb', 'r')).rejects.toMatchObject({ code: 'KILL_SWITCH_INVALID' })
    await expect(ks.emergencyStop('')).rejects.toMatchObject({ code: 'KILL_SWITCH_INVALID' })
  })

  it('keeps an agent paused across a restart (a new instance reads the persisted state first)', async () => {
    const url = `sqlite:${join(await mkdtemp(join(tmpdir(), 'warden-ks-')), 'warden.db')}`
    const before = await openStore(url)
    const first = await aKillSwitch({ repository: before.killSwitch, incidents: before.incidents })
    await first.ks.pause('reporter', 'paused before restart')
    await first.ks.terminate('rogue', 'gone')
    await first.ks.emergencyStop('stop')
    await first.ks.clearEmergency('clear')
    await first.ks.close()
    await before.close()
    const after = await openStore(url)
    const second = await aKillSwitch({ repository: after.killSwitch, incidents: after.incidents })
    expect(second.ks.admit('reporter')).toMatchObject({
      code: 'AGENT_PAUSED',
      reason: expect.stringContaining('paused before restart'),
    })
    expect(second.ks.admit('rogue')).toMatchObject({ code: 'AGENT_TERMINATED' })
    expect(second.ks.admit('fresh')).toEqual({ ok: true })
    await second.ks.close()
    await after.close()
  })

  it('refuses to start when the persisted state cannot be read (KILL_SWITCH_LOAD_FAILED)', async () => {
    const unreadable: KillSwitchRepository = {
      load: async () => {
        throw new Error('disk I/O error')
      },
      summary: async () => {
        throw new Error('disk I/O error')
      },
      save: async () => {},
    }
    await expect(aKillSwitch({ repository: unreadable })).rejects.toMatchObject({
      code: 'KILL_SWITCH_LOAD_FAILED',
    })
  })

  it('propagates a pause to another instance, which persists it too', async () => {
    const hub = randomUUID()
    const repositoryB = new MemoryKillSwitchRepository()
    const a = await aKillSwitch({ bus: new MemoryBus(memoryHub(hub)) })
    const b = await aKillSwitch({ bus: new MemoryBus(memoryHub(hub)), repository: repositoryB })
    const arrived = nextChange(b.ks, (c) => c.source === 'bus')
    await a.ks.pause('reporter', 'from A')
    await arrived
    expect(b.ks.admit('reporter')).toMatchObject({ code: 'AGENT_PAUSED' })
    await expect.poll(async () => (await repositoryB.load()).events.length).toBe(1)
    expect(b.incidents.list()).toEqual([])
  })

  it('ignores malformed or forged-shape events on the bus', async () => {
    const hub = randomUUID()
    const attacker = new MemoryBus(memoryHub(hub))
    const { ks } = await aKillSwitch({ bus: new MemoryBus(memoryHub(hub)) })
    await ks.pause('victim', 'paused')
    const changes: KillSwitchChange[] = []
    ks.onChange((c) => changes.push(c))
    const bad = [{ event: { kind: 'resume', agentId: 'victim' } }, { event: 'x' }, { nope: 1 }]
    for (const payload of bad) await attacker.publish('agent.victim.resume', attacker.stamp(payload))
    await new Promise((r) => setTimeout(r, 10))
    expect(changes).toEqual([])
    expect(ks.admit('victim')).toMatchObject({ code: 'AGENT_PAUSED' })
  })

  it('fails closed with KILL_SWITCH_UNAVAILABLE past the lease, and recovers after reloading the state', async () => {
    const hub = randomUUID()
    const shared = new MemoryKillSwitchRepository()
    const bus = new FlakyBus(hub)
    const { ks, incidents } = await aKillSwitch({ bus, repository: shared, leaseMs: 100 })
    const other = await aKillSwitch({ bus: new MemoryBus(memoryHub(hub)), repository: shared })
    bus.down(50)
    expect(ks.admit('reporter')).toEqual({ ok: true })
    bus.down(150)
    expect(ks.admit('reporter')).toMatchObject({ ok: false, code: 'KILL_SWITCH_UNAVAILABLE' })
    await other.ks.pause('reporter', 'paused while the first instance was cut off')
    await expect.poll(() => incidents.list().map((i) => i.kind)).toContain('kill-switch-unavailable')
    bus.up()
    await expect.poll(() => incidents.list().map((i) => i.kind)).toContain('kill-switch-recovered')
    expect(ks.admit('reporter')).toMatchObject({ code: 'AGENT_PAUSED' })
    expect(ks.admit('someone-else')).toEqual({ ok: true })
  })

  it('still stops locally and publishes when persisting fails, then throws KILL_SWITCH_PERSIST_FAILED', async () => {
    const hub = randomUUID()
    const broken: KillSwitchRepository = {
      load: async () => ({ events: [] }),
      summary: async () => ({ count: 0, newestAt: 0 }),
      save: async () => {
        throw new Error('disk full')
      },
    }
    const a = await aKillSwitch({ bus: new MemoryBus(memoryHub(hub)), repository: broken })
    const b = await aKillSwitch({ bus: new MemoryBus(memoryHub(hub)) })
    const arrived = nextChange(b.ks, (c) => c.event.kind === 'emergency-stop')
    await expect(a.ks.emergencyStop('stop')).rejects.toMatchObject({ code: 'KILL_SWITCH_PERSIST_FAILED' })
    expect(a.ks.admit('x')).toMatchObject({ code: 'EMERGENCY_STOP' })
    await arrived
    expect(b.ks.admit('x')).toMatchObject({ code: 'EMERGENCY_STOP' })
    await expect(a.ks.clearEmergency('clear')).rejects.toMatchObject({ code: 'KILL_SWITCH_PERSIST_FAILED' })
    expect(a.ks.admit('x')).toMatchObject({ code: 'EMERGENCY_STOP' })
  })

  it('does not let a hung store hold up an emergency stop on the other instances', async () => {
    const hub = randomUUID()
    const hung: KillSwitchRepository = {
      load: async () => ({ events: [] }),
      summary: async () => ({ count: 0, newestAt: 0 }),
      save: () => new Promise<void>(() => {}),
    }
    const a = await aKillSwitch({
      bus: new MemoryBus(memoryHub(hub)),
      repository: hung,
      persistTimeoutMs: 50,
    })
    const b = await aKillSwitch({ bus: new MemoryBus(memoryHub(hub)) })
    const arrived = nextChange(b.ks, (c) => c.event.kind === 'emergency-stop')
    await expect(a.ks.emergencyStop('stop')).rejects.toMatchObject({ code: 'KILL_SWITCH_PERSIST_FAILED' })
    await arrived
    expect(b.ks.admit('x')).toMatchObject({ code: 'EMERGENCY_STOP' })
  })

  it('alerts the security team on an emergency stop without waiting for the alert', async () => {
    let release: () => void = () => {}
    const alert = vi.fn((_incident: unknown) => new Promise<void>((r) => (release = r)))
    const { ks } = await aKillSwitch({ alert })
    await ks.emergencyStop('stop now', 'alice')
    expect(alert).toHaveBeenCalledWith(
      expect.objectContaining({ kind: 'emergency-stop', reason: 'stop now' }),
    )
    expect(ks.admit('x')).toMatchObject({ code: 'EMERGENCY_STOP' })
    release()
  })

  it('logs a failed alert as an incident and keeps the stop', async () => {
    const { ks, incidents } = await aKillSwitch({
      alert: async () => {
        throw new Error('webhook 503')
      },
    })
    await ks.emergencyStop('stop')
    await expect
      .poll(() => incidents.list().find((i) => i.kind === 'alert-failed')?.reason)
      .toBe('webhook 503')
    expect(ks.admit('x')).toMatchObject({ code: 'EMERGENCY_STOP' })
  })

  it('refuses use after close, and denies while closed', async () => {
    const { ks } = await aKillSwitch()
    await ks.close()
    await expect(ks.pause('a', 'r')).rejects.toMatchObject({ code: 'KILL_SWITCH_CLOSED' })
    expect(ks.admit('a')).toMatchObject({ code: 'KILL_SWITCH_UNAVAILABLE' })
  })

  it('lets a resume issued on an instance with a slow clock win over the pause it saw', async () => {
    const hub = randomUUID()
    const a = await aKillSwitch({ bus: new MemoryBus(memoryHub(hub)) })
    const b = await aKillSwitch({ bus: new MemoryBus(memoryHub(hub)) })
    const future: KillSwitchEvent = {
      id: randomUUID(),
      kind: 'pause',
      agentId: 'r',
      reason: 'from a clock an hour ahead',
      actor: 'op',
      at: Date.now() + 3_600_000,
      origin: 'skewed',
    }
    const arrived = nextChange(b.ks, (c) => c.event.id === future.id)
    const attacker = new MemoryBus(memoryHub(hub))
    await attacker.publish('agent.r.pause', attacker.stamp({ event: future }))
    await arrived
    const back = nextChange(a.ks, (c) => c.event.kind === 'resume')
    await b.ks.resume('r', 'resumed after seeing the pause')
    await back
    expect(a.ks.admit('r')).toEqual({ ok: true })
    expect(b.ks.admit('r')).toEqual({ ok: true })
  })
  it('reads the stored events again only when their count moved, and then picks up what another process stored', async () => {
    const stored = new MemoryKillSwitchRepository()
    let loads = 0
    const counting: KillSwitchRepository = {
      load: () => {
        loads += 1
        return stored.load()
      },
      summary: () => stored.summary(),
      save: (event) => stored.save(event),
    }
    // No bus peers: the only way in for the CLI's event below is the store.
    const { ks } = await aKillSwitch({ repository: counting, resyncMs: 20, leaseMs: 200 })
    expect(loads).toBe(1)
    await new Promise((r) => setTimeout(r, 150)) // several resync periods with nothing new stored
    expect(loads).toBe(1)
    await stored.save({
      id: randomUUID(),
      kind: 'pause',
      agentId: 'reporter',
      reason: 'paused by the CLI in another process',
      actor: 'cli',
      at: Date.now(),
      origin: 'cli',
    })
    await expect.poll(() => ks.admit('reporter')).toMatchObject({ code: 'AGENT_PAUSED' })
    expect(loads).toBe(2)
  })
  it('reloads a store swapped under it that holds as many events, told apart by their newest time', async () => {
    const event = (agentId: string, at: number): KillSwitchEvent => ({
      id: randomUUID(),
      kind: 'pause',
      agentId,
      reason: 'r',
      actor: 'cli',
      at,
      origin: 'cli',
    })
    let events = [event('first', 1_000)]
    const swapped: KillSwitchRepository = {
      load: async () => ({ events }),
      summary: async () => summaryOf(events),
      save: async () => undefined,
    }
    const { ks } = await aKillSwitch({ repository: swapped, resyncMs: 20, leaseMs: 200 })
    expect(ks.admit('second').ok).toBe(true)
    events = [event('second', 2_000)] // one event as before: the count alone would not show the swap
    await expect.poll(() => ks.admit('second')).toMatchObject({ code: 'AGENT_PAUSED' })
  })
})
