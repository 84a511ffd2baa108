import { describe, expect, it } from 'vitest'
import { runBusContract } from '../bus.contract.js'
import { MemoryBus, memoryHub } from './memory-bus.js'

runBusContract('memory', async () => new MemoryBus(memoryHub('contract')))

describe('MemoryBus', () => {
  it('keeps named hubs apart', async () => {
    const a = new MemoryBus(memoryHub('left'))
    const b = new MemoryBus(memoryHub('right'))
    const got: unknown[] = []
    await b.subscribe('x', (m) => got.push(m))
    await a.publish('x', a.stamp({}))
    await new Promise((r) => setTimeout(r, 10))
    expect(got).toEqual([])
  })

  it('hands subscribers a copy, so one cannot alter what another receives', async () => {
    const hub = memoryHub('copy')
    const a = new MemoryBus(hub)
    const seen: unknown[] = []
    await a.subscribe('x', (m) => {
      ;(m.payload as Record<string, unknown>)['reason'] = 'tampered'
    })
    await a.subscribe('x', (m) => seen.push(m.payload['reason']))
    const sent = a.stamp({ reason: 'original' })
    await a.publish('x', sent)
    await new Promise((r) => setTimeout(r, 10))
    expect(sent.payload['reason']).toBe('original')
    expect(seen).toHaveLength(1)
  })
})
