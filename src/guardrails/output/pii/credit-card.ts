import type { Finding } from '../../finding.js'
import { matchesInSpans, numberSpans, sticky } from '../number-spans.js'
import { hasContext, piiFinding, type Recognizer } from '../recognizer.js'

const HAS_DIGIT = /\d/

// 13-19 digits, optionally grouped by single spaces or dashes; bounded, so linear per start.
const CARD = /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d]|-\d)/g
const CARD_AT = sticky(CARD)
const REPEATED = /^(\d)\1+$/
const CONTEXT = /card|credit|debit|visa|master|amex|cc\b|pan\b|payment|charge/i

/** The Luhn (mod 10) check digit test every issued card number passes (ISO/IEC 7812-1). */
export function luhnValid(digits: string): boolean {
  let sum = 0
  let double = false
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48
    if (double) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
    double = !double
  }
  return sum % 10 === 0
}

// Issuer prefixes (IIN ranges) of the major networks: Visa, Mastercard, Amex, Discover, JCB, Diners,
// UnionPay, Maestro. A Luhn-valid number outside them is more likely an id than a card.
const ISSUER =
  /^(?:4|5[1-5]|2(?:2[2-9]|[3-6]\d|7[01]|720)|3[47]|6011|65|64[4-9]|35(?:2[89]|[3-8])|3(?:0[0-5]|[689])|62|5[06-9]|6[37])/

/** CREDIT_CARD: Luhn-valid numbers with a known issuer prefix and consistent grouping. */
export const creditCardRecognizer: Recognizer = {
  entities: ['CREDIT_CARD'],
  scan(text, context) {
    if (!HAS_DIGIT.test(text)) return []
    const out: Finding[] = []
    const spans = context?.numberSpans ?? numberSpans(text)
    for (const m of matchesInSpans(text, spans, 13, CARD_AT)) {
      const raw = m[0]
      // One loop: the digits, and whether the groups use a single kind of separator.
      let digits = ''
      let sep = 0
      let mixed = false
      for (let i = 0; i < raw.length; i++) {
        const c = raw.charCodeAt(i)
        if (c >= 48 && c <= 57) digits += raw[i]
        else if (sep === 0) sep = c
        else if (c !== sep) mixed = true
      }
      if (mixed || REPEATED.test(digits) || !luhnValid(digits)) continue
      const known = ISSUER.test(digits)
      const context = hasContext(text, m.index, m.index + raw.length, CONTEXT, 64)
      if (!known && !context) continue
      out.push(piiFinding('CREDIT_CARD', m.index, m.index + raw.length, known ? (context ? 1 : 0.9) : 0.6))
    }
    return out
  },
}
