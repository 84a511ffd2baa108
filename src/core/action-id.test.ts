import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { newActionId } from './action-id.js'

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('newActionId', () => {
  it('is a UUID version 7 with the variant bits of RFC 9562', () => {
    for (let i = 0; i < 2_000; i++) expect(newActionId()).toMatch(V7)
  })

  it('carries the time in its first 48 bits, so later ids sort after earlier ones', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 48 - 10_001 }),
        fc.integer({ min: 1, max: 10_000 }),
        (t, dt) => {
          const a = newActionId(t)
          const b = newActionId(t + dt)
          expect(Number.parseInt(a.slice(0, 8) + a.slice(9, 13), 16)).toBe(t)
          expect(a < b).toBe(true)
        },
      ),
    )
  })

  it('does not repeat, within one millisecond either (74 random bits)', () => {
    const ids = new Set<string>()
    for (let i = 0; i < 100_000; i++) ids.add(newActionId(1_700_000_000_000))
    expect(ids.size).toBe(100_000)
  })

  it('stays a well-formed id for a time that is not a finite number', () => {
    for (const t of [Number.NaN, Number.POSITIVE_INFINITY, -5]) expect(newActionId(t)).toMatch(V7)
  })

  it('takes its time from the clock by default', () => {
    const before = Date.now()
    const id = newActionId()
    const t = Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16)
    expect(t).toBeGreaterThanOrEqual(before)
    expect(t).toBeLessThanOrEqual(Date.now())
  })
})
