import { describe, expect, it } from 'vitest'
import type { Finding } from '../finding.js'
import { classifyFindings } from './classify.js'

const f = (type: Finding['type'], entity: string): Finding => ({ type, entity, start: 0, end: 1, score: 1 })

describe('classifyFindings', () => {
  it('is public with no findings and no labels', () => {
    expect(classifyFindings([])).toBe('public')
  })

  it('makes secrets, SSNs, cards and IBANs restricted', () => {
    for (const finding of [
      f('secret', 'SECRET'),
      f('pii', 'US_SSN'),
      f('pii', 'CREDIT_CARD'),
      f('pii', 'IBAN_CODE'),
    ])
      expect(classifyFindings([finding]), finding.entity).toBe('restricted')
  })

  it('makes other personal data confidential and infrastructure internal', () => {
    expect(classifyFindings([f('pii', 'EMAIL_ADDRESS')])).toBe('confidential')
    expect(classifyFindings([f('pii', 'PERSON'), f('pii', 'IP_ADDRESS')])).toBe('confidential')
    expect(classifyFindings([f('pii', 'IP_ADDRESS')])).toBe('internal')
  })

  it('treats unscanned text as restricted (fail closed) and ignores injection findings', () => {
    expect(classifyFindings([f('pattern', 'UNSCANNED_TEXT')])).toBe('restricted')
    expect(classifyFindings([f('injection', 'PROMPT_INJECTION')])).toBe('public')
  })

  it('never classifies below a resource label', () => {
    expect(classifyFindings([f('pii', 'IP_ADDRESS')], ['confidential'])).toBe('confidential')
    expect(classifyFindings([f('secret', 'SECRET')], ['public'])).toBe('restricted')
  })
})
