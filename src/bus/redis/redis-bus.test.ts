import { describe, expect, it } from 'vitest'
import { runBusContract } from '../bus.contract.js'
import { RedisBus } from './redis-bus.js'

const url = process.env['WARDEN_TEST_REDIS']
if (url === undefined)
  console.warn('redis-bus.test.ts: WARDEN_TEST_REDIS is not set; the Redis bus contract is skipped')

describe.skipIf(url === undefined)('RedisBus', () => {
  runBusContract('redis', () => RedisBus.open(url!))

  it('ignores malformed messages written straight to the channel', async () => {
    const bus = await RedisBus.open(url!)
    const { Redis } = await import('ioredis')
    const raw = new Redis(url!)
    try {
      const got: unknown[] = []
      await bus.subscribe('garbage.test', (m) => got.push(m.payload))
      await raw.publish('garbage.test', 'not json')
      await raw.publish('garbage.test', JSON.stringify({ o: 'x', s: -1, t: 0, p: {} }))
      await bus.publish('garbage.test', bus.stamp({ ok: true }))
      await expect.poll(() => got.length).toBe(1)
      expect(got).toEqual([{ ok: true }])
    } finally {
      raw.disconnect()
      await bus.close()
    }
  })
})

describe('RedisBus.open', () => {
  it('throws BUS_UNAVAILABLE when nothing listens', async () => {
    await expect(RedisBus.open('redis://127.0.0.1:1')).rejects.toMatchObject({ code: 'BUS_UNAVAILABLE' })
  })
})
