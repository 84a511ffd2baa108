import { describe, expect, it } from 'vitest'
import { MemoryBus } from './memory/memory-bus.js'
import { openBus } from './open-bus.js'

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
