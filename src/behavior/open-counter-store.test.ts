import { describe, expect, it } from 'vitest'
import { MemoryCounterStore } from './memory-counter-store.js'
import { openCounterStore } from './open-counter-store.js'

describe('openCounterStore', () => {
  it('opens the in-process store by default and for memory:', async () => {
    expect(await openCounterStore(undefined)).toBeInstanceOf(MemoryCounterStore)
    expect(await openCounterStore('memory:')).toBeInstanceOf(MemoryCounterStore)
  })

  it('refuses an unknown scheme with CONFIG_INVALID, without echoing credentials', async () => {
    await expect(openCounterStore('postgres://user:secret@db/x')).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
    })
    await expect(openCounterStore('postgres://user:secret@db/x')).rejects.not.toThrow(/secret/)
  })

  it('fails with BEHAVIOR_STORE_UNAVAILABLE when the Redis named cannot be reached', async () => {
    await expect(openCounterStore('redis://127.0.0.1:1')).rejects.toMatchObject({
      code: 'BEHAVIOR_STORE_UNAVAILABLE',
    })
  })
})
