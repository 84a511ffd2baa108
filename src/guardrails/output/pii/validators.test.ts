import { describe, expect, it } from 'vitest'
import { luhnValid } from './credit-card.js'
import { ibanChecksumValid } from './iban.js'
import { ssnValid } from './us-ssn.js'

describe('luhnValid', () => {
  it('accepts issued test card numbers', () => {
    for (const n of ['4111111111111111', '5425233430109903', '378282246310005', '6011111111111117'])
      expect(luhnValid(n), n).toBe(true)
  })

  it('rejects every single-digit change of a valid number', () => {
    const valid = '4111111111111111'
    for (let i = 0; i < valid.length; i++) {
      const d = (Number(valid[i]) + 1) % 10
      const changed = valid.slice(0, i) + d + valid.slice(i + 1)
      expect(luhnValid(changed), changed).toBe(false)
    }
  })
})

describe('ssnValid', () => {
  it('rejects the areas, groups and serials the SSA never issues', () => {
    expect(ssnValid('000', '12', '3456')).toBe(false)
    expect(ssnValid('666', '12', '3456')).toBe(false)
    expect(ssnValid('900', '12', '3456')).toBe(false)
    expect(ssnValid('999', '12', '3456')).toBe(false)
    expect(ssnValid('536', '00', '3456')).toBe(false)
    expect(ssnValid('536', '22', '0000')).toBe(false)
  })

  it('rejects numbers known to be public', () => {
    expect(ssnValid('078', '05', '1120')).toBe(false)
    expect(ssnValid('123', '45', '6789')).toBe(false)
  })

  it('accepts an issuable number', () => {
    expect(ssnValid('536', '22', '8726')).toBe(true)
    expect(ssnValid('899', '01', '0001')).toBe(true)
  })
})

describe('ibanChecksumValid', () => {
  it('accepts the ISO 13616 examples, in either case', () => {
    expect(ibanChecksumValid('GB82WEST12345698765432')).toBe(true)
    expect(ibanChecksumValid('DE89370400440532013000')).toBe(true)
    expect(ibanChecksumValid('gb82west12345698765432')).toBe(true)
  })

  it('rejects a transposition of two characters', () => {
    expect(ibanChecksumValid('GB82WEST12345698765423')).toBe(false)
    expect(ibanChecksumValid('GB28WEST12345698765432')).toBe(false)
  })
})
