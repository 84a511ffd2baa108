import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { newProfile } from './anomaly/profile.js'
import type { CounterStore } from './counter-store.js'

/**
 * The behaviour every CounterStore must show, run against each implementation. `make` returns a store
 * that follows the caller's clock and keys of its own (so runs do not share counters).
 */
export function runCounterStoreContract(name: string, make: () => Promise<CounterStore>): void {
  describe(`CounterStore contract: ${name}`, () => {
    let store: CounterStore
    const T = 1_700_000_000_000
    beforeEach(async () => {
      store = await make()
    })
    afterEach(async () => {
      await store.close()
    })

    it('allows exactly `limit` takes in a window and refuses the next with the wait until a slot frees', async () => {
      const b = [{ key: 'k', limit: 3, windowMs: 1_000 }]
      expect(await store.take(b, T)).toEqual({ ok: true })
      expect(await store.take(b, T + 100)).toEqual({ ok: true })
      expect(await store.take(b, T + 200)).toEqual({ ok: true })
      expect(await store.take(b, T + 300)).toEqual({ ok: false, index: 0, retryAfterMs: 700 })
    })

    it('frees a slot exactly one window after the take, not a millisecond before', async () => {
      const b = [{ key: 'edge', limit: 1, windowMs: 1_000 }]
      expect((await store.take(b, T)).ok).toBe(true)
      expect(await store.take(b, T + 999)).toEqual({ ok: false, index: 0, retryAfterMs: 1 })
      expect((await store.take(b, T + 1_000)).ok).toBe(true)
    })

    it('consumes nothing when one bucket of several is full, and names the full one', async () => {
      const wide = { key: 'wide', limit: 10, windowMs: 60_000 }
      const narrow = { key: 'narrow', limit: 1, windowMs: 60_000 }
      expect((await store.take([narrow], T)).ok).toBe(true)
      for (let i = 0; i < 5; i++) {
        expect(await store.take([wide, narrow], T + i)).toMatchObject({ ok: false, index: 1 })
      }
      // The wide bucket was never charged for the refused takes: all ten slots are still there.
      for (let i = 0; i < 10; i++) expect((await store.take([wide], T + 10 + i)).ok).toBe(true)
      expect((await store.take([wide], T + 30)).ok).toBe(false)
    })

    it('keeps buckets with different keys apart', async () => {
      expect((await store.take([{ key: 'a', limit: 1, windowMs: 1_000 }], T)).ok).toBe(true)
      expect((await store.take([{ key: 'b', limit: 1, windowMs: 1_000 }], T)).ok).toBe(true)
    })

    let runs = 0
    it('never lets more takes through a bucket than its limit in any window (property)', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.record({
              gap: fc.integer({ min: 0, max: 400 }),
              which: fc.subarray([0, 1, 2], { minLength: 1 }),
            }),
            { minLength: 1, maxLength: 40 },
          ),
          async (steps) => {
            const run = ++runs
            const limits = [2, 3, 5]
            const windowMs = 1_000
            const granted: number[][] = [[], [], []]
            let now = T + run * 10_000
            for (const step of steps) {
              now += step.gap
              const buckets = step.which.map((i) => ({
                key: `p${run}:${i}`,
                limit: limits[i] ?? 1,
                windowMs,
              }))
              const r = await store.take(buckets, now)
              const fits = step.which.every(
                (i) => (granted[i] ?? []).filter((t) => t > now - windowMs).length < (limits[i] ?? 1),
              )
              expect(r.ok).toBe(fits)
              if (r.ok) for (const i of step.which) granted[i]?.push(now)
            }
          },
        ),
        { numRuns: 40 },
      )
    })

    it('sums amounts over a sliding window and forgets them after it', async () => {
      expect(await store.sum('s', 1_000, T)).toBe(0)
      expect(await store.add('s', 2.5, 1_000, T)).toBe(2.5)
      expect(await store.add('s', 4, 1_000, T + 500)).toBe(6.5)
      expect(await store.sum('s', 1_000, T + 999)).toBe(6.5)
      expect(await store.sum('s', 1_000, T + 1_000)).toBe(4)
      expect(await store.sum('s', 1_000, T + 1_500)).toBe(0)
    })

    it('refuses an amount that is not finite rather than poison the window', async () => {
      await expect(store.add('inf', Number.POSITIVE_INFINITY, 1_000, T)).rejects.toThrow()
      await expect(store.add('inf', Number.NaN, 1_000, T)).rejects.toThrow()
      expect(await store.add('inf', 1, 1_000, T)).toBe(1)
    })

    it('keeps two equal amounts added at the same instant as two entries', async () => {
      await store.add('twice', 5, 1_000, T)
      expect(await store.add('twice', 5, 1_000, T)).toBe(10)
    })

    it('stores and returns a baseline per agent', async () => {
      expect(await store.loadProfile('nobody')).toBeUndefined()
      const p = newProfile(T)
      p.tools['files.read'] = 3
      const proto = '__proto__'
      p.tools[proto] = 1
      await store.saveProfile('reporter', p)
      const back = await store.loadProfile('reporter')
      expect(back?.tools['files.read']).toBe(3)
      expect(back?.tools[proto]).toBe(1)
      expect(Object.getPrototypeOf(back?.tools)).toBe(null)
      expect(await store.loadProfile('other')).toBeUndefined()
    })
  })
}
