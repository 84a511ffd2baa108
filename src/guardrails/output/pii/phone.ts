import type { Finding } from '../../finding.js'
import { matchesInSpans, numberSpans, sticky } from '../number-spans.js'
import { hasContext, piiFinding, type Recognizer } from '../recognizer.js'

const HAS_DIGIT = /\d/

// An optional +country code, an optional (area) code, then up to six digit groups joined by one or two
// of space, dot or dash, and an optional extension. Every quantifier is bounded: linear per start.
const PHONE =
  /(?<![\w+(.-])(?:\+\d{1,3}[ .-]{0,2})?(?:\(\d{1,5}\)[ .-]?)?\d{1,10}(?:[ .-]{1,2}\d{1,10}){0,5}(?:[ ]?(?:x|ext\.?|#)[ ]?\d{1,6})?(?![\w@]|[.:/-]\d)/g
const PHONE_AT = sticky(PHONE)
// A number starts at a digit run, or at the "+" or "(" just before it; the lookbehind rejects the rest.
function phoneStart(text: string, at: number): number {
  const c = text.charCodeAt(at - 1)
  return c === 43 || c === 40 ? at - 1 : at
}
const CONTEXT =
  /phone|answer|tel\b|tel[:.]|telephone|call|fax|mobile|cell|office|contact|reach|dial|whats ?app|sms|text me|ph\b|ph[:.]|phone number/i
const DATE = /^(?:\d{4}-\d{2}-\d{2}\b|\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})$/
const DOTTED_QUAD = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/
const SSN_SHAPE = /^\d{3}-\d{2}-\d{4}$/
// "Apt. 514 30 22", "Suite 12 34": house and unit numbers in addresses.
const ADDRESS_BEFORE = /(?:apt|apartment|suite|unit|flat|no|#)\.?\s*$/i
// "12 4471 Mill Street": a house number and a street.
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
  scan(text, context) {
    if (!HAS_DIGIT.test(text)) return []
    const out: Finding[] = []
    const spans = context?.numberSpans ?? numberSpans(text)
    // A phone number has at least 6 digits before any extension, all inside one span.
    for (const m of matchesInSpans(text, spans, 6, PHONE_AT, phoneStart)) {
      const raw = m[0]
      // Cheap shape tests first: most candidates (dates, quads, card-length runs) end here, before any
      // slicing or context search.
      const ext = raw.length > 7 ? EXTENSION.exec(raw) : null
      const body = ext === null ? raw : raw.slice(0, ext.index)
      const digits = countDigits(body)
      if (digits < 6 || digits > 15) continue
      if (DATE.test(body) || DOTTED_QUAD.test(body) || SSN_SHAPE.test(body)) continue
      const end = m.index + raw.length
      const plus = body.charCodeAt(0) === 43
      const parens = body.includes('(')
      const groups = countGroups(body)
      const context = hasContext(text, m.index, end, CONTEXT, 48, true)
      if (digits < 7 && !context) continue
      if (groups === 1 && !plus && !context) continue
      // Grouped digits with a lone short head ("3 14159") or thousands separators ("1.234.567") are
      // numbers, not phones, unless context says otherwise.
      if (!context && !plus && !parens && /^\d{1,3}(?:[.,]\d{3})+$/.test(body)) continue
      let score = 0.4
      if (plus || parens) score += 0.2
      if (groups >= 3 || digits >= 10) score += 0.1
      if (context) score += 0.3
      if (score < 0.5) continue
      if (ADDRESS_BEFORE.test(text.slice(Math.max(0, m.index - 12), m.index))) continue
      if (STREET_AFTER.test(text.slice(end, end + 48))) continue
      out.push(piiFinding('PHONE_NUMBER', m.index, end, Math.min(score, 1)))
    }
    return out
  },
}

// Digit groups of a number: runs of digits between separators.
function countGroups(s: string): number {
  let n = 0
  let inGroup = false
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    const digit = c >= 48 && c <= 57
    if (digit && !inGroup) n++
    inGroup = digit
  }
  return n
}

function countDigits(s: string): number {
  let n = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c >= 48 && c <= 57) n++
  }
  return n
}
