import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Finding } from '../finding.js'
import { redact } from './redact.js'
import { scanSensitive } from './scan-sensitive.js'
import { MemoryTokenVault } from './token-vault.js'

const key = new Uint8Array(32).fill(7)
const text = 'card 4111 1111 1111 1111 and ana@example.org'
const found = scanSensitive(text)

describe('redact', () => {
  it('labels each finding with its entity by default', () => {
    expect(redact(text, found)).toBe('card [REDACTED:CREDIT_CARD] and [REDACTED:EMAIL_ADDRESS]')
  })

  it('masks character for character', () => {
    expect(redact(text, found, { mode: 'mask' })).toBe(`card ${'*'.repeat(19)} and ${'*'.repeat(15)}`)
  })

  it('keeps only the last four letters or digits in partial mode, and separators', () => {
    expect(redact('SSN 536-22-8726', scanSensitive('SSN 536-22-8726'), { mode: 'partial' })).toBe(
      'SSN ***-**-8726',
    )
    expect(redact(text, found, { mode: 'partial' })).toContain('**** **** **** 1111')
  })

  it('masks short values whole in partial mode (four of seven characters would reveal too much)', () => {
    const f: Finding = { type: 'secret', entity: 'SECRET', kind: 'PASSWORD', start: 4, end: 11, score: 1 }
    expect(redact('pw: Ab3$xyz', [f], { mode: 'partial' })).toBe('pw: ***$***')
  })

  it('hashes with a key: equal values correlate, different keys do not, the value does not appear', () => {
    const a = redact('ana@example.org', scanSensitive('ana@example.org'), { mode: 'hash', hashKey: key })
    const b = redact('ana@example.org', scanSensitive('ana@example.org'), { mode: 'hash', hashKey: key })
    const c = redact('ana@example.org', scanSensitive('ana@example.org'), {
      mode: 'hash',
      hashKey: new Uint8Array(32),
    })
    expect(a).toMatch(/^\[EMAIL_ADDRESS:[0-9a-f]{16}\]$/)
    expect(a).toBe(b)
    expect(a).not.toBe(c)
  })

  it('issues reversible tokens that only an approver can reveal', () => {
    const vault = new MemoryTokenVault()
    const out = redact(text, found, { mode: 'token', vault })
    const tokens = out.match(/\[TOKEN:[A-Z_]+:[0-9a-f]{24}\]/g) ?? []
    expect(tokens).toHaveLength(2)
    expect(vault.reveal(tokens[1]!, { id: 'ops', roles: ['approver'] })).toEqual({
      ok: true,
      value: 'ana@example.org',
      entity: 'EMAIL_ADDRESS',
    })
    expect(vault.reveal(tokens[1]!, { id: 'agent', roles: ['agent'] })).toEqual({
      ok: false,
      code: 'VAULT_FORBIDDEN',
    })
    expect(redact(text, found, { mode: 'token', vault })).toBe(out)
  })

  it('fails with a code when hash or token mode lacks its key or vault', () => {
    expect(() => redact(text, found, { mode: 'hash' })).toThrow(
      expect.objectContaining({ code: 'REDACT_HASH_KEY_MISSING' }),
    )
    expect(() => redact(text, found, { mode: 'token' })).toThrow(
      expect.objectContaining({ code: 'REDACT_VAULT_MISSING' }),
    )
  })

  it('merges overlapping findings and clamps out-of-range ones instead of leaving text half-redacted', () => {
    const f = (start: number, end: number): Finding => ({ type: 'pii', entity: 'X', start, end, score: 1 })
    expect(redact('abcdefgh', [f(1, 4), f(3, 6), f(-5, 0), f(7, 99)])).toBe('a[REDACTED:X]g[REDACTED:X]')
  })

  it("never leaves a finding's text in place (property)", () => {
    const values = [
      'ana@example.org',
      '4111 1111 1111 1111',
      '536-22-8726',
      'AKIAQ7WADE5R42RDZ4JX',
      '203.0.113.7',
    ]
    const filler = fc.stringMatching(/^[a-z ,.]{0,20}$/)
    const modes = fc.constantFrom('label' as const, 'mask' as const, 'partial' as const, 'hash' as const)
    fc.assert(
      fc.property(
        fc.array(fc.tuple(filler, fc.constantFrom(...values)), { minLength: 1, maxLength: 6 }),
        modes,
        (parts, mode) => {
          const input = parts.map(([pad, v]) => ` ${pad} ${v} `).join('')
          const out = redact(input, scanSensitive(input), { mode, hashKey: key })
          for (const [, v] of parts) expect(out).not.toContain(v)
        },
      ),
      { numRuns: 200 },
    )
  })
})
