import { describe, expect, it } from 'vitest'
import { randomByte, randomHex, randomView } from './random-pool.js'

describe('random pool', () => {
  it('hands out fresh bytes across refills of the pool (no repeats of 12-byte draws)', () => {
    const seen = new Set<string>()
    for (let i = 0; i < 5_000; i++) seen.add(randomHex(12)) // ~15 refills of 4 KiB
    expect(seen.size).toBe(5_000)
    expect([...seen].every((h) => /^[0-9a-f]{24}$/.test(h))).toBe(true)
  })

  it('gives views and bytes of the asked size, and refuses more than the pool holds', () => {
    expect(randomView(10)).toHaveLength(10)
    const b = randomByte()
    expect(Number.isInteger(b) && b >= 0 && b < 256).toBe(true)
    expect(() => randomView(4097)).toThrow(RangeError)
  })
})
