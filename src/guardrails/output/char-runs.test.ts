import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { asciiClass, forEachRun } from './char-runs.js'

// The obvious definition: maximal runs by regex, kept when long enough.
function naiveRuns(text: string, min: number): [number, number][] {
  return [...text.matchAll(/[a-c0-9]+/g)]
    .filter((m) => m[0].length >= min)
    .map((m) => [m.index, m.index + m[0].length])
}

describe('forEachRun', () => {
  const table = asciiClass('a-c0-9')
  const texts = fc
    .array(fc.constantFrom('a', 'b', '1', ' ', '-', 'é', '\n', 'x'), { maxLength: 80 })
    .map((a) => a.join(''))

  it('visits exactly the maximal runs at least minLength long, in order (property)', () => {
    fc.assert(
      fc.property(texts, fc.integer({ min: 0, max: 12 }), (text, min) => {
        const got: [number, number][] = []
        forEachRun(text, table, min, (s, e) => got.push([s, e]))
        expect(got).toEqual(naiveRuns(text, Math.max(1, min)))
      }),
      { numRuns: 2000 },
    )
  })

  it('finds a run at the very start and at the very end of the text', () => {
    const got: [number, number][] = []
    forEachRun('abc1 x 12ab', table, 4, (s, e) => got.push([s, e]))
    expect(got).toEqual([
      [0, 4],
      [7, 11],
    ])
  })
})
