import type { Finding } from '../../finding.js'
import { hasContext, piiFinding, type Recognizer } from '../recognizer.js'

const HAS_DIGIT = /\d/

// 13-19 digits, optionally grouped by single spaces or dashes; bounded, so linear per start.
const CARD = /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d]|-\d)/g
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
  scan(text) {
    if (!HAS_DIGIT.test(text)) return []
    const out: Finding[] = []
    for (const m of text.matchAll(CARD)) {
      const raw = m[0]
      const seps = raw.replace(/\d/g, '')
      if (seps.length > 0 && new Set(seps).size > 1) continue
      const digits = raw.replace(/\D/g, '')
      if (/^(\d)\1+$/.test(digits) || !luhnValid(digits)) continue
      const known = ISSUER.test(digits)
      const context = hasContext(text, m.index, m.index + raw.length, CONTEXT, 64)
      if (!known && !context) continue
      out.push(piiFinding('CREDIT_CARD', m.index, m.index + raw.length, known ? (context ? 1 : 0.9) : 0.6))
    }
    return out
  },
}
