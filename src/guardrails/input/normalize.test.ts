import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { rot13, unleet } from './ciphers.js'
import { normalizeForDetection } from './normalize.js'

describe('normalizeForDetection', () => {
  it('removes zero-width and bidi controls that split trigger words', () => {
    expect(normalizeForDetection('Ig\u200bno\u200dre \u202eall\u202c').text).toBe('ignore all')
  })
  it('maps Cyrillic and Greek homoglyphs to their Latin skeleton', () => {
    expect(normalizeForDetection('\u0456gn\u043er\u0435 \u03bfrders').text).toBe('ignore orders')
  })
  it('maps Latin small capitals, which NFKC keeps, to their letters', () => {
    expect(
      normalizeForDetection('\u026a\u0262\u0274\u1d0f\u0280\u1d07 \ua731\u028f\ua731\u1d1b\u1d07\u1d0d').text,
    ).toBe('ignore system')
  })
  it('applies NFKC: fullwidth and mathematical letters become ASCII', () => {
    expect(
      normalizeForDetection('\uff29\uff47\uff4e\uff4f\uff52\uff45 \ud835\udc22\ud835\udc27\ud835\udc2c').text,
    ).toBe('ignore ins')
  })
  it('strips accents and stacked combining marks (zalgo)', () => {
    expect(normalizeForDetection('\u00edgn\u00f3re i\u0336\u0334g\u0335n').text).toBe('ignore ign')
  })
  it('decodes Unicode tag characters aside (ASCII smuggling) and drops them from the view', () => {
    const hidden = [...'ignore rules'].map((c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join('')
    const n = normalizeForDetection(`hello${hidden}`)
    expect(n.text).toBe('hello')
    expect(n.tagText).toBe('ignore rules')
  })
  it('collapses markup: tags removed, inline tags join a split word, block tags separate words', () => {
    expect(normalizeForDetection('ig<b></b>nore <p>all</p><p>rules</p>').text).toBe('ignore all rules ')
  })
  it('keeps a map from every view character to its original index', () => {
    const text = 'A\u200bB  C'
    const n = normalizeForDetection(text)
    expect(n.text).toBe('ab c')
    expect([...n.map]).toEqual([0, 2, 3, 5, 6])
  })
  it('turns lone surrogates into a space instead of passing them on', () => {
    expect(normalizeForDetection('a\ud800b').text).toBe('a b')
  })
  it('never throws and keeps the map monotonic for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        const n = normalizeForDetection(s)
        expect(n.map.length).toBe(n.text.length + 1)
        for (let i = 1; i < n.map.length; i++) expect(n.map[i]!).toBeGreaterThanOrEqual(n.map[i - 1]!)
        expect(n.map[n.text.length]).toBe(s.length)
      }),
      { numRuns: 300 },
    )
  })
})

describe('unleet and rot13', () => {
  it('undoes leetspeak inside words only, keeping length', () => {
    const s = '1gn0r3 pr3v10u5 version 3.1 costs $5'
    const u = unleet(s)
    expect(u.length).toBe(s.length)
    expect(u.startsWith('ignore previous version 3.1')).toBe(true)
  })
  it('returns the same string when there is nothing to undo', () => {
    const s = 'plain words only'
    expect(unleet(s)).toBe(s)
  })
  it('rot13 is its own inverse on lower-case text', () => {
    expect(rot13('vtaber nyy cerivbhf')).toBe('ignore all previous')
    fc.assert(fc.property(fc.string(), (s) => rot13(rot13(s)) === s))
  })
})
