import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { minMatchLength } from './min-length.js'
import { TOKEN_RULES } from './token-rules.js'

describe('minMatchLength', () => {
  it('counts literals, classes, escapes and quantifier minimums', () => {
    expect(minMatchLength('abc')).toBe(3)
    expect(minMatchLength('[A-Z0-9]{16}')).toBe(16)
    expect(minMatchLength('a\\.b\\d{2,4}x?y*z+')).toBe(6)
    expect(minMatchLength('sk-(?:proj|svcacct)-[A-Za-z0-9_-]{40,}')).toBe(48)
    expect(minMatchLength('(?:ab|c)d')).toBe(2)
    expect(minMatchLength('\\bkey(?![A-Za-z])(?<=y)')).toBe(3)
    expect(minMatchLength('[\\]x]{2}')).toBe(2)
  })

  it('never exceeds the length of a real match of any token rule (a skip never hides a token)', () => {
    // Each rule's pattern, matched against strings it accepts: the bound must hold for every match.
    for (const r of TOKEN_RULES) {
      const min = minMatchLength(r.pattern.source)
      // fast-check cannot generate from lookarounds: the trailing boundary check is zero-width anyway.
      const body = r.pattern.source.replace('(?![A-Za-z0-9_-])', '')
      fc.assert(
        fc.property(fc.stringMatching(new RegExp(`^(?:${body})$`)), (s) => {
          expect(s.length).toBeGreaterThanOrEqual(min)
        }),
        { numRuns: 20 },
      )
    }
  })
})
