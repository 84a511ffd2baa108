import { describe, expect, it, vi } from 'vitest'
import type { Bus, BusHealth } from '../bus/bus.js'
import { MemoryIncidentSink } from './incident.js'
import { IncidentReporter } from './incident-reporter.js'
import { LeaseGuard } from './lease-guard.js'

function aGuard(resync: () => Promise<void> = async () => {}) {
  let health: BusHealth = { connected: true, lastOkAt: 1_000 }
  const bus = { health: () => health } as unknown as Bus
  const incidents = new MemoryIncidentSink()
  const spy = vi.fn(resync)
  const guard = new LeaseGuard(bus, 100, 10_000, spy, new IncidentReporter(incidents, 'test'))
  return { guard, resync: spy, incidents, set: (h: BusHealth) => (health = h) }
}

const settle = () => new Promise((resolve) => setImmediate(resolve))

describe('LeaseGuard', () => {
  it('admits within the lease and blocks past it', () => {
    const { guard } = aGuard()
    expect(guard.blocks(1_100)).toBe(false)
    expect(guard.blocks(1_101)).toBe(true)
  })

  it('keeps blocking after the bus answers again until the state was reloaded', async () => {
    let finish: () => void = () => {}
    const { guard, resync, incidents, set } = aGuard(() => new Promise<void>((r) => (finish = r)))
    expect(guard.blocks(2_000)).toBe(true)
    set({ connected: true, lastOkAt: 2_000 })
    guard.tick(2_010)
    expect(resync).toHaveBeenCalledTimes(1)
    expect(guard.blocks(2_010)).toBe(true)
    finish()
    await settle()
    expect(guard.blocks(2_010)).toBe(false)
    await settle()
    expect(incidents.list().map((i) => i.kind)).toEqual(['kill-switch-unavailable', 'kill-switch-recovered'])
  })

  it('stays blocked when the reload fails', async () => {
    const { guard, set } = aGuard(async () => {
      throw new Error('store down')
    })
    guard.blocks(5_000)
    set({ connected: true, lastOkAt: 5_000 })
    guard.tick(5_000)
    await settle()
    expect(guard.blocks(5_000)).toBe(true)
  })

  it('reloads after a disconnect shorter than the lease, without ever blocking', async () => {
    const { guard, resync, set } = aGuard()
    guard.tick(1_000)
    set({ connected: false, lastOkAt: 1_000 })
    guard.tick(1_050)
    expect(guard.blocks(1_050)).toBe(false)
    expect(resync).not.toHaveBeenCalled()
    set({ connected: true, lastOkAt: 1_060 })
    guard.tick(1_060)
    expect(resync).toHaveBeenCalledTimes(1)
  })

  it('reloads every resyncMs while healthy', () => {
    const { guard, resync, set } = aGuard()
    const start = Date.now()
    set({ connected: true, lastOkAt: start })
    guard.tick(start + 10)
    expect(resync).not.toHaveBeenCalled()
    set({ connected: true, lastOkAt: start + 10_001 })
    guard.tick(start + 10_001)
    expect(resync).toHaveBeenCalledTimes(1)
  })
})
