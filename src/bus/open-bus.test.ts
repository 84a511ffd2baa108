import { describe, expect, it } from 'vitest'
import { MemoryBus } from './memory/memory-bus.js'
import { busKindOf, openBus } from './open-bus.js'

describe('openBus', () => {
  it('opens the in-process bus for memory:', async () => {
    const bus = await openBus('memory:')
    expect(bus).toBeInstanceOf(MemoryBus)
    await bus.close()
  })

  it('refuses an unknown scheme with BUS_URL_INVALID and hides a password', async () => {
    for (const url of ['kafka://h:9092', 'http://x', 'not a url', '', 'amqp://u:secret@h']) {
      const failure = openBus(url)
      await expect(failure).rejects.toMatchObject({ code: 'BUS_URL_INVALID' })
      await expect(failure).rejects.not.toThrow(/secret/)
    }
  })
})

describe('busKindOf', () => {
  it('names the bus of each accepted form without connecting to it', () => {
    expect(busKindOf('memory:')).toBe('memory')
    expect(busKindOf('memory:team')).toBe('memory')
    // Port 1 has no broker: a check that connected would fail, this one must not.
    expect(busKindOf('redis://127.0.0.1:1')).toBe('redis')
    expect(busKindOf('rediss://u:p@cache:6380/0')).toBe('redis')
    expect(busKindOf('nats://127.0.0.1:1')).toBe('nats')
  })

  it('refuses what openBus refuses, with BUS_URL_INVALID', () => {
    for (const url of ['kafka://h:9092', 'http://x', 'not a url', '', 'memory', 'MEMORY:']) {
      expect(() => busKindOf(url)).toThrow(expect.objectContaining({ code: 'BUS_URL_INVALID' }))
    }
  })
})
