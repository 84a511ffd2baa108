import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { assertPublishSubject, assertSubscribePattern, subjectMatches, subjectToken } from './subject.js'

const tokens = (s: string) => s.split('.')

describe('subjectMatches', () => {
  it('treats `*` as one token and `>` as one or more', () => {
    expect(subjectMatches(tokens('agent.*.pause'), tokens('agent.a.pause'))).toBe(true)
    expect(subjectMatches(tokens('agent.*.pause'), tokens('agent.a.b.pause'))).toBe(false)
    expect(subjectMatches(tokens('agent.>'), tokens('agent'))).toBe(false)
    expect(subjectMatches(tokens('agent.>'), tokens('agent.a.b'))).toBe(true)
    expect(subjectMatches(tokens('>'), tokens('a'))).toBe(true)
    expect(subjectMatches(tokens('a.b'), tokens('a.b.c'))).toBe(false)
  })

  it('agrees with a regular-expression reference on random subjects', () => {
    const token = fc.constantFrom('a', 'b', 'agent', 'x-1')
    const patternToken = fc.constantFrom('a', 'b', 'agent', 'x-1', '*')
    fc.assert(
      fc.property(
        fc.array(patternToken, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        fc.array(token, { minLength: 1, maxLength: 5 }),
        (pattern, tail, subject) => {
          const full = tail ? [...pattern, '>'] : pattern
          const source = full
            .map((t) => (t === '*' ? '[^.]+' : t === '>' ? '.+' : t.replace('-', '\\-')))
            .join('\\.')
          const expected = new RegExp(`^${source}$`).test(subject.join('.'))
          expect(subjectMatches(full, subject)).toBe(expected)
        },
      ),
    )
  })
})

describe('subjectToken', () => {
  it('keeps wildcards and dots of an agent id inside one literal token', () => {
    for (const id of ['*', '>', 'a.b', 'a b', '[x]', '?', 'é', '%41']) {
      const t = subjectToken(id)
      expect(() => assertPublishSubject(`agent.${t}.pause`)).not.toThrow()
      expect(assertPublishSubject(`agent.${t}.pause`)).toHaveLength(3)
    }
  })

  it('maps distinct ids to distinct tokens, each publishable', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, unit: 'grapheme' }),
        fc.string({ minLength: 1, unit: 'grapheme' }),
        (x, y) => {
          const [tx, ty] = [subjectToken(x), subjectToken(y)]
          expect(tx === ty).toBe(x === y)
          expect(() => assertPublishSubject(`agent.${tx}.pause`)).not.toThrow()
        },
      ),
    )
  })
})

describe('assertSubscribePattern', () => {
  it('accepts `>` only as the last token', () => {
    expect(() => assertSubscribePattern('a.>')).not.toThrow()
    expect(() => assertSubscribePattern('a.>.b')).toThrow(
      expect.objectContaining({ code: 'BUS_SUBJECT_INVALID' }),
    )
  })
})
