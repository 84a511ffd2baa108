import { describe, expect, it } from 'vitest'
import { catastrophicReason, compileSafePattern } from './safe-pattern.js'

describe('catastrophicReason', () => {
  it('rejects nested quantifiers', () => {
    for (const p of ['(a+)+b', '(\\w+\\s?)*$', '(x+x+)+y', '(.*a){12}'])
      expect(catastrophicReason(p)).toMatch(/nested/)
  })
  it('rejects ambiguous alternation under a repetition and backreferences', () => {
    expect(catastrophicReason('(a|ab)*c')).toMatch(/ambiguous/)
    expect(catastrophicReason('(\\w|\\d)+x')).toMatch(/alternation/)
    expect(catastrophicReason('(a)\\1')).toMatch(/backreference/)
  })
  it('rejects three or more unbounded repetitions', () => {
    expect(catastrophicReason('a.*b.*c.*d')).toMatch(/polynomial/)
  })
  it('accepts ordinary patterns', () => {
    for (const p of [
      '\\d{3}-\\d{2}-\\d{4}',
      '^(a|b)*$',
      'ignore.*previous.*instructions',
      'api[_-]?key\\s*=',
    ]) {
      expect(catastrophicReason(p)).toBeUndefined()
    }
  })
})

describe('compileSafePattern', () => {
  it('runs the seed pattern case-insensitively and reports the span', () => {
    const p = compileSafePattern('ignore.*previous.*instructions', 'i', 'seed')
    expect(p.match('Please IGNORE all Previous Instructions')).toEqual([7, 39])
    expect(p.match('nothing here')).toBeUndefined()
  })
  it('runs an exponential pattern on the linear engine without hanging', () => {
    const p = compileSafePattern('(a+)+b')
    expect(p.engine).toBe('linear')
    expect(p.match('a'.repeat(100_000))).toBeUndefined()
  })
  it('refuses, with UNSAFE_PATTERN, a dangerous pattern the linear engine cannot run', () => {
    expect(() => compileSafePattern('(?=x)(a+)+b')).toThrow(
      expect.objectContaining({ code: 'UNSAFE_PATTERN' }),
    )
  })
  it('refuses invalid patterns and unsupported flags with UNSAFE_PATTERN', () => {
    expect(() => compileSafePattern('(unclosed')).toThrow(expect.objectContaining({ code: 'UNSAFE_PATTERN' }))
    expect(() => compileSafePattern('a', 'y')).toThrow(expect.objectContaining({ code: 'UNSAFE_PATTERN' }))
  })
  it('keeps lookaround patterns that pass the check on the backtracking engine', () => {
    const p = compileSafePattern('(?<=secret: )\\w+', 'i')
    expect(p.engine).toBe('checked')
    expect(p.match('the Secret: hunter2')).toEqual([12, 19])
  })
})
