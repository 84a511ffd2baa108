import type { Finding } from '../../finding.js'
import { hasContext, piiFinding, type Recognizer } from '../recognizer.js'

const HAS_DIGIT = /\d/

// An optional +country code, an optional (area) code, then up to six digit groups joined by one or two
// of space, dot or dash, and an optional extension. Every quantifier is bounded: linear per start.
const PHONE =
  /(?<![\w+(.-])(?:\+\d{1,3}[ .-]{0,2})?(?:\(\d{1,5}\)[ .-]?)?\d{1,10}(?:[ .-]{1,2}\d{1,10}){0,5}(?:[ ]?(?:x|ext\.?|#)[ ]?\d{1,6})?(?![\w@]|[.:/-]\d)/g
const CONTEXT =
  /phone|answer|tel\b|tel[:.]|telephone|call|fax|mobile|cell|office|contact|reach|dial|whats ?app|sms|text me|ph\b|ph[:.]|phone number/i
const DATE = /^(?:\d{4}-\d{2}-\d{2}\b|\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})$/
const DOTTED_QUAD = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/
const SSN_SHAPE = /^\d{3}-\d{2}-\d{4}$/
// "Apt. 722 20 40", "Suite 12 34": house and unit numbers in addresses.
const ADDRESS_BEFORE = /(?:apt|apartment|suite|unit|flat|no|#)\.?\s*$/i
// "14 3684 Court Street": a house number and a street.
const STREET_AFTER =
  /^ +[\p{L}'-]+(?: [\p{L}'-]+)? (?:street|st|lane|ln|road|rd|avenue|ave|parkway|pkwy|drive|dr|boulevard|blvd|way|court|ct|place|pl|square|sq|terrace|highway|hwy|route|rue|via|strasse|straße|calle)\b/iu
const EXTENSION = /[ ]?(?:x|ext\.?|#)[ ]?\d{1,6}$/

/**
 * PHONE_NUMBER: 7-15 digit numbers in telephone layouts (E.164, national groupings, parenthesised area
 * codes, extensions). An undelimited digit run is only a phone number next to a phone word, so order
 * ids, timestamps and amounts stay untouched; dates, dotted quads and SSN shapes are left to others.
 */
export const phoneRecognizer: Recognizer = {
  entities: ['PHONE_NUMBER'],
  scan(text) {
    if (!HAS_DIGIT.test(text)) return []
    const out: Finding[] = []
    for (const m of text.matchAll(PHONE)) {
      const raw = m[0]
      // Most candidates are short numbers ("14", "2024"): drop them before any slicing or context work.
      if (countDigits(raw) < 6) continue
      const body = raw.replace(EXTENSION, '')
      const digits = body.replace(/\D/g, '').length
      const end = m.index + raw.length
      const context = hasContext(text, m.index, end, CONTEXT, 48, true)
      if (digits < (context ? 6 : 7) || digits > 15) continue
      if (ADDRESS_BEFORE.test(text.slice(Math.max(0, m.index - 12), m.index))) continue
      if (STREET_AFTER.test(text.slice(end, end + 48))) continue
      if (DATE.test(body) || DOTTED_QUAD.test(body) || SSN_SHAPE.test(body)) continue
      const plus = body.startsWith('+')
      const parens = body.includes('(')
      const groups = body.split(/[ .()-]+/).filter((g) => g.length > 0)
      if (groups.length === 1 && !plus && !context) continue
      // Grouped digits with a lone short head ("3 14159") or thousands separators ("1.234.567") are
      // numbers, not phones, unless context says otherwise.
      if (!context && !plus && !parens && /^\d{1,3}(?:[.,]\d{3})+$/.test(body)) continue
      let score = 0.4
      if (plus || parens) score += 0.2
      if (groups.length >= 3 || digits >= 10) score += 0.1
      if (context) score += 0.3
      if (score < 0.5) continue
      out.push(piiFinding('PHONE_NUMBER', m.index, end, Math.min(score, 1)))
    }
    return out
  },
}

function countDigits(s: string): number {
  let n = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c >= 48 && c <= 57) n++
  }
  return n
}
