import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkApiRate, createApiRateLimiter } from './api-rate.js'
import { compileApisPolicy } from './apis-policy.js'
import { SlidingWindowLimiter } from './sliding-window.js'

const MINUTE = 60_000

describe('SlidingWindowLimiter', () => {
  it('allows 100 in a minute, refuses the 101st with retryAfterMs, and allows again once the window slides', () => {
    const limiter = new SlidingWindowLimiter(100, MINUTE)
    const t0 = 1_700_000_000_000
    for (let i = 0; i < 100; i++) {
      expect(limiter.tryTake('agent', t0 + i * 100)).toEqual({ ok: true, remaining: 99 - i })
    }
    expect(limiter.tryTake('agent', t0 + 10_000)).toEqual({ ok: false, retryAfterMs: 50_000 })
    expect(limiter.tryTake('agent', t0 + MINUTE - 1)).toEqual({ ok: false, retryAfterMs: 1 })
    // The first take (at t0) leaves the window exactly one minute later: one slot opens, no more.
    expect(limiter.tryTake('agent', t0 + MINUTE)).toEqual({ ok: true, remaining: 0 })
    expect(limiter.tryTake('agent', t0 + MINUTE)).toEqual({ ok: false, retryAfterMs: 100 })
    expect(limiter.tryTake('agent', t0 + MINUTE + 100)).toEqual({ ok: true, remaining: 0 })
  })

  it('counts keys apart', () => {
    const limiter = new SlidingWindowLimiter(1, MINUTE)
    expect(limiter.tryTake('a', 0).ok).toBe(true)
    expect(limiter.tryTake('b', 0).ok).toBe(true)
    expect(limiter.tryTake('a', 1).ok).toBe(false)
  })

  it('does not let a burst at a fixed-window boundary through (exact, not approximate)', () => {
    const limiter = new SlidingWindowLimiter(10, MINUTE)
    for (let i = 0; i < 10; i++) expect(limiter.tryTake('k', MINUTE - 10).ok).toBe(true)
    // A fixed window would reset at 60 000 and allow 10 more; the sliding window refuses them.
    for (let i = 0; i < 10; i++) expect(limiter.tryTake('k', MINUTE + 10).ok).toBe(false)
  })

  it('matches a brute-force count of the last window on random timelines', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.integer({ min: 0, max: 5_000 }), { maxLength: 200 }),
        (limit, gaps) => {
          const limiter = new SlidingWindowLimiter(limit, 1_000)
          const taken: number[] = []
          let now = 0
          for (const gap of gaps) {
            now += gap
            const inWindow = taken.filter((t) => t > now - 1_000)
            const result = limiter.tryTake('k', now)
            expect(result.ok).toBe(inWindow.length < limit)
            if (result.ok) {
              taken.push(now)
              expect(result.remaining).toBe(limit - inWindow.length - 1)
            } else {
              expect(result.retryAfterMs).toBe(Math.max(1, (inWindow[0] ?? now) + 1_000 - now))
            }
          }
        },
      ),
    )
  })

  it('keeps at most `limit` timestamps per key and drops idle keys', () => {
    const limiter = new SlidingWindowLimiter(3, MINUTE)
    for (let i = 0; i < 1_000; i++) limiter.tryTake(`agent-${i}`, i)
    expect(limiter.size).toBe(1_000)
    limiter.tryTake('late', 5 * MINUTE)
    expect(limiter.size).toBe(1)
  })

  it('refuses (fails closed) when the clock is not a number', () => {
    const limiter = new SlidingWindowLimiter(5, MINUTE)
    expect(limiter.tryTake('k', Number.NaN)).toEqual({ ok: false, retryAfterMs: MINUTE })
  })

  it('counts conservatively when the clock steps back', () => {
    const limiter = new SlidingWindowLimiter(1, MINUTE)
    expect(limiter.tryTake('k', 10_000).ok).toBe(true)
    expect(limiter.tryTake('k', 5_000).ok).toBe(false)
    expect(limiter.tryTake('k', 69_999).ok).toBe(false)
    expect(limiter.tryTake('k', 70_000).ok).toBe(true)
  })

  it('rejects a limit or window that cannot work', () => {
    expect(() => new SlidingWindowLimiter(0, MINUTE)).toThrow(/positive integer/)
    expect(() => new SlidingWindowLimiter(1.5, MINUTE)).toThrow(/positive integer/)
    expect(() => new SlidingWindowLimiter(1, 0)).toThrow(/positive/)
  })
})

describe('checkApiRate', () => {
  const policy = compileApisPolicy({ allowed: ['weather.api.com'], methods: ['GET'], rateLimit: 2 }, ['apis'])

  it('refuses with RATE_LIMITED, saying when to retry, per agent', () => {
    const limiter = createApiRateLimiter(policy)
    expect(checkApiRate(limiter, policy, 'a', 0).allowed).toBe(true)
    expect(checkApiRate(limiter, policy, 'a', 1_000).allowed).toBe(true)
    const third = checkApiRate(limiter, policy, 'a', 2_000)
    expect(third).toMatchObject({ allowed: false, code: 'RATE_LIMITED', detail: { retryAfterMs: 58_000 } })
    expect(third.allowed ? '' : third.reason).toContain('retry in 58.0 s')
    expect(checkApiRate(limiter, policy, 'b', 2_000).allowed).toBe(true)
    expect(checkApiRate(limiter, policy, 'a', 60_000).allowed).toBe(true)
  })

  it('has no limiter, and never refuses, without a rateLimit', () => {
    const open = compileApisPolicy({ allowed: ['weather.api.com'], methods: ['GET'] }, ['apis'])
    const limiter = createApiRateLimiter(open)
    expect(limiter).toBeUndefined()
    expect(checkApiRate(limiter, open, 'a', 0)).toEqual({ allowed: true })
  })
})
