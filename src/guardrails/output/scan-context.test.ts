import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { numberSpans } from './number-spans.js'
import { ScanContext } from './recognizer.js'
import { RECOGNIZERS } from './scan-sensitive.js'

// Pieces that build numbers, tokens and names next to each other, so shared passes meet their edges.
const PIECES = [
  '+',
  '(',
  ')',
  ' ',
  '  ',
  '-',
  '.',
  '/',
  '_',
  ':',
  '0',
  '1',
  '4',
  '7',
  '9',
  '4111',
  '1111',
  ' x',
  'ext. ',
  '#',
  'call ',
  'phone: ',
  'card ',
  'AKIA',
  'Q7WADE5R42RDZ4JX',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY',
  'kX9p2Lm7Qr4Tz8Vb1Nc6Hd3Jf5Gs0Ay2We7Ui4Oq',
  'password=',
  'Tr0ub4dor-3x',
  '\n',
  'DE89 ',
  'Dr. ',
  'John ',
  'Paris',
  ', ',
  'a@b.co',
  '192.168.',
  'sk-',
  'glpat-',
  'SK',
  'é',
]
const texts = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((p) => p.join(''))

describe('ScanContext', () => {
  it('gives every recogniser the same findings as scanning alone (shared passes change no result)', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const context = new ScanContext(text)
        for (const r of RECOGNIZERS) expect(r.scan(text, context)).toEqual(r.scan(text))
      }),
      { numRuns: 400 },
    )
  })

  it('finds digit chains of six or more digits, whole, and nothing shorter', () => {
    const text = 'call +44 (20) 7946-0958, order 2024, card 4111 1111 1111 1111 then 12345.'
    const spans = numberSpans(text)
    const found = Array.from({ length: spans.count }, (_, k) => text.slice(spans.starts[k], spans.ends[k]))
    expect(found).toEqual(['44 (20) 7946-0958', '4111 1111 1111 1111'])
    expect(Array.from(spans.digits.subarray(0, spans.count))).toEqual([12, 16])
  })

  it('still finds a phone number and a card number at the edges of a chain', () => {
    const context = new ScanContext('+1 (555) 010-9999 4111111111111111')
    const phone = RECOGNIZERS.find((r) => r.entities.includes('PHONE_NUMBER'))!
    const card = RECOGNIZERS.find((r) => r.entities.includes('CREDIT_CARD'))!
    expect(phone.scan(context.text, context).map((f) => [f.start, f.end])).toEqual([[0, 17]])
    expect(card.scan(context.text, context).map((f) => [f.start, f.end])).toEqual([[18, 34]])
  })
})
