import { describe, expect, it } from 'vitest'
import { runCounterStoreContract } from './counter-store.contract.js'
import { MemoryCounterStore } from './memory-counter-store.js'

runCounterStoreContract('memory', async () => new MemoryCounterStore())

describe('MemoryCounterStore', () => {
  it('refuses a take when the clock is not a number (fail closed)', () => {
    const store = new MemoryCounterStore()
    expect(store.takeNow([{ key: 'k', limit: 5, windowMs: 1_000 }], Number.NaN).ok).toBe(false)
  })

  it('counts a take made while the clock steps back for longer, never shorter', () => {
    const store = new MemoryCounterStore()
    const b = [{ key: 'k', limit: 2, windowMs: 1_000 }]
    expect(store.takeNow(b, 10_000).ok).toBe(true)
    expect(store.takeNow(b, 5_000).ok).toBe(true)
    // The second take is recorded at 10 000, so the window stays full until 11 000.
    expect(store.takeNow(b, 10_999).ok).toBe(false)
    expect(store.takeNow(b, 11_000).ok).toBe(true)
  })

  it('forgets keys whose windows emptied (memory follows active keys)', () => {
    const store = new MemoryCounterStore()
    for (let i = 0; i < 70_000; i++) store.takeNow([{ key: `k${i}`, limit: 1, windowMs: 10 }], i * 100)
    expect(store.size).toBeLessThan(70_000)
  })
})
