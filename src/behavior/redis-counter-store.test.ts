import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { runCounterStoreContract } from './counter-store.contract.js'
import { RedisCounterStore } from './redis-counter-store.js'

const url = process.env['WARDEN_TEST_REDIS']
if (url === undefined) {
  console.warn(
    'redis-counter-store.test.ts: WARDEN_TEST_REDIS is not set; the Redis counter store contract is skipped',
  )
}

describe.skipIf(url === undefined)('RedisCounterStore', () => {
  runCounterStoreContract('redis', () =>
    RedisCounterStore.open(url as string, { clock: 'caller', prefix: `warden:test:${randomUUID()}:` }),
  )

  it('follows the server clock by default, whatever time the caller claims', async () => {
    const store = await RedisCounterStore.open(url as string, { prefix: `warden:test:${randomUUID()}:` })
    try {
      const b = [{ key: 'k', limit: 1, windowMs: 60_000 }]
      expect((await store.take(b, 0)).ok).toBe(true)
      // A caller an hour in the future cannot empty the window: the server's clock has barely moved.
      const r = await store.take(b, Date.now() + 3_600_000)
      expect(r.ok).toBe(false)
      expect(!r.ok && r.retryAfterMs).toBeGreaterThan(55_000)
    } finally {
      await store.close()
    }
  })
})

describe.skipIf(url === undefined)('RedisCounterStore baselines', () => {
  it('relearns a baseline that does not parse instead of refusing the agent forever', async () => {
    const prefix = `warden:test:${randomUUID()}:`
    const store = await RedisCounterStore.open(url as string, { prefix })
    const { Redis } = await import('ioredis')
    const raw = new Redis(url as string)
    try {
      await raw.set(`${prefix}profile:reporter`, '{not json')
      expect(await store.loadProfile('reporter')).toBeUndefined()
      await raw.set(`${prefix}profile:reporter`, JSON.stringify({ v: 2 }))
      expect(await store.loadProfile('reporter')).toBeUndefined()
    } finally {
      raw.disconnect()
      await store.close()
    }
  })
})

describe('RedisCounterStore.open', () => {
  it('throws BEHAVIOR_STORE_UNAVAILABLE when nothing listens', async () => {
    await expect(
      RedisCounterStore.open('redis://127.0.0.1:1', { connectTimeoutMs: 300 }),
    ).rejects.toMatchObject({
      code: 'BEHAVIOR_STORE_UNAVAILABLE',
    })
  })

  it('rejects commands at once while disconnected (no offline queue to hide an outage)', async () => {
    const store = new RedisCounterStore('redis://127.0.0.1:1')
    try {
      await expect(store.take([{ key: 'k', limit: 1, windowMs: 1_000 }], 0)).rejects.toThrow()
    } finally {
      await store.close()
    }
  })
})
