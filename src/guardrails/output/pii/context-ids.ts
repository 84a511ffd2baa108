import type { Finding } from '../../finding.js'
import { piiFinding, type Recognizer } from '../recognizer.js'

interface ContextRule {
  readonly entity: string
  /** Words that announce the number; global, case-insensitive. */
  readonly context: RegExp
  /** The value, tried sticky at each position of the short window after the context. */
  readonly value: RegExp
  readonly check?: (value: string) => boolean
}

// NHS numbers carry a mod-11 check digit (NHS Data Dictionary).
function nhsValid(value: string): boolean {
  const d = value.replace(/\D/g, '')
  if (d.length !== 10) return false
  let sum = 0
  for (let i = 0; i < 9; i++) sum += Number(d[i]) * (10 - i)
  const check = 11 - (sum % 11)
  return (check === 11 ? 0 : check) === Number(d[9]) && check !== 10
}

// Identity and account numbers have no shape of their own (a driver's licence is "A1234567" in one
// state and nine digits in the next), so they are only taken right after the words that name them.
const RULES: readonly ContextRule[] = [
  {
    entity: 'US_DRIVER_LICENSE',
    context: /driver'?s?\s+licen[cs]e|driving\s+licen[cs]e|\bDL\s*#|licen[cs]e\s+(?:number|no\.?|#)/gi,
    value: /(?<![A-Za-z0-9])(?=[A-Za-z]{0,3}\d)[A-Za-z0-9]{1,3}\d{4,14}[A-Za-z]?(?![A-Za-z0-9])/iy,
  },
  {
    entity: 'US_PASSPORT',
    context: /passport\s*(?:number|no\.?|#)?/gi,
    value: /(?<![A-Za-z0-9])[A-Za-z]?\d{8,9}(?![A-Za-z0-9])/y,
  },
  {
    entity: 'US_BANK_NUMBER',
    context:
      /(?:bank|checking|savings|routing)\s+(?:account\s+)?(?:number|no\.?|#)|account\s+(?:number|no\.?|#)/gi,
    value: /(?<![\d-])\d{8,17}(?![\d-])/y,
  },
  {
    entity: 'US_ITIN',
    context: /\bitin\b|taxpayer\s+identification/gi,
    value: /(?<![\d-])9\d{2}([- ]?)(?:5\d|6[0-5]|7\d|8[0-8]|9[0-24-9])\1\d{4}(?![\d-])/y,
  },
  {
    entity: 'UK_NHS',
    context: /\bnhs\b/gi,
    value: /(?<![\d-])\d{3}([- ]?)\d{3}\1\d{4}(?![\d-])/y,
    check: nhsValid,
  },
]
const WINDOW = 40
// All contexts as one alternation, only to learn whether any is present: most text names none of
// these numbers, and one scan then replaces five. When one is present every rule runs as before.
const ANY_CONTEXT = new RegExp(RULES.map((r) => r.context.source).join('|'), 'i')

/** US_DRIVER_LICENSE, US_PASSPORT, US_BANK_NUMBER, US_ITIN, UK_NHS: a number within 40 characters after its name. */
export const contextIdRecognizer: Recognizer = {
  entities: RULES.map((r) => r.entity),
  scan(text) {
    const out: Finding[] = []
    if (!ANY_CONTEXT.test(text)) return out
    for (const r of RULES) {
      for (const c of text.matchAll(r.context)) {
        const from = c.index + c[0].length
        for (let p = from; p < Math.min(text.length, from + WINDOW); p++) {
          r.value.lastIndex = p
          const m = r.value.exec(text)
          if (m === null) continue
          if (r.check === undefined || r.check(m[0])) out.push(piiFinding(r.entity, p, p + m[0].length, 0.8))
          break
        }
      }
    }
    return out
  },
}
