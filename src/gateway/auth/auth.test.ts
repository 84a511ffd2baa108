import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { hashKey } from '../agent-keys.js'
import { bearerToken } from './bearer.js'
import { newSecret } from './new-secret.js'
import { operatorLookup } from './operator-lookup.js'
import { roleAllows } from './roles.js'

describe('bearerToken', () => {
  it('reads the token of a Bearer header, scheme in any case', () => {
    expect(bearerToken('Bearer abc.DEF-1_2~3+/=')).toBe('abc.DEF-1_2~3+/=')
    expect(bearerToken('bearer xyz')).toBe('xyz')
  })

  it('refuses other schemes, empty and two-part tokens', () => {
    for (const h of [
      undefined,
      null,
      '',
      'Bearer',
      'Bearer ',
      'Basic dXNlcjpwYXNz',
      'Bearer a b',
      'Token abc',
      'Bearer a\nb',
    ]) {
      expect(bearerToken(h), String(h)).toBeUndefined()
    }
  })
})

describe('operatorLookup', () => {
  const tokens = [
    { name: 'ops', role: 'admin' as const, hash: hashKey('t-admin') },
    { name: 'sec', role: 'auditor' as const, hash: hashKey('t-auditor') },
  ]
  const lookup = operatorLookup(tokens)

  it('finds the operator of a configured token by its hash', () => {
    expect(lookup('t-admin')).toEqual({ name: 'ops', role: 'admin' })
    expect(lookup('t-auditor')).toEqual({ name: 'sec', role: 'auditor' })
  })

  it('never accepts the stored hash itself, a prefix, or an oversized token', () => {
    expect(lookup(hashKey('t-admin'))).toBeUndefined()
    expect(lookup('t-admi')).toBeUndefined()
    expect(lookup('')).toBeUndefined()
    expect(lookup('t'.repeat(10_000))).toBeUndefined()
  })

  it('accepts no token but the configured ones (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (guess) => {
        fc.pre(guess !== 't-admin' && guess !== 't-auditor')
        expect(lookup(guess)).toBeUndefined()
      }),
    )
  })
})

describe('roleAllows', () => {
  it('lets admin use every route and the others only their own', () => {
    expect(roleAllows('admin', 'approver')).toBe(true)
    expect(roleAllows('admin', 'auditor')).toBe(true)
    expect(roleAllows('auditor', 'admin')).toBe(false)
    expect(roleAllows('approver', 'auditor')).toBe(false)
    expect(roleAllows('auditor', 'auditor')).toBe(true)
  })
})

describe('newSecret', () => {
  it('makes distinct 256-bit secrets whose hash is the sha256: line', () => {
    const a = newSecret('wdn_agent_')
    const b = newSecret('wdn_agent_')
    expect(a.secret).not.toBe(b.secret)
    expect(a.secret).toMatch(/^wdn_agent_[A-Za-z0-9_-]{43}$/)
    expect(a.hash).toBe(hashKey(a.secret))
    expect(a.hash).toMatch(/^sha256:[0-9a-f]{64}$/)
  })
})
