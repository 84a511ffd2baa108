import type { Finding } from '../../finding.js'
import { piiFinding, type Recognizer } from '../recognizer.js'

const HAS_DIGIT = /\d/

// IBAN lengths per country (ISO 13616 registry, SWIFT release 2024).
const LENGTHS: Readonly<Record<string, number>> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BI: 27,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DJ: 27,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FK: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  LY: 25,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MN: 20,
  MR: 27,
  MT: 31,
  MU: 30,
  NI: 28,
  NL: 18,
  NO: 15,
  OM: 23,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  RU: 33,
  SA: 24,
  SC: 31,
  SD: 18,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  SO: 23,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
  YE: 30,
}

// Country, check digits, then up to 30 alphanumerics, optionally in groups of four separated by
// single spaces (the paper format). Bounded, so linear.
const IBAN = /(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]){11,30}/g

/** ISO 7064 mod 97-10 over the rearranged IBAN (letters as 10..35); a valid IBAN leaves 1. */
export function ibanChecksumValid(iban: string): boolean {
  const s = (iban.slice(4) + iban.slice(0, 4)).toUpperCase()
  let rem = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    const v = c >= 65 ? c - 55 : c - 48
    rem = v >= 10 ? (rem * 100 + v) % 97 : (rem * 10 + v) % 97
  }
  return rem === 1
}

/** IBAN_CODE: known country, that country's exact length, and a passing mod-97 checksum. */
export const ibanRecognizer: Recognizer = {
  entities: ['IBAN_CODE'],
  scan(text) {
    if (!HAS_DIGIT.test(text)) return []
    const out: Finding[] = []
    for (const m of text.matchAll(IBAN)) {
      const raw = m[0]
      const expected = LENGTHS[raw.slice(0, 2).toUpperCase()]
      if (expected === undefined) continue
      // Walk the raw match taking `expected` alphanumerics; the IBAN must end at a group boundary.
      let taken = 0
      let end = 0
      while (end < raw.length && taken < expected) {
        if (raw[end] !== ' ') taken++
        end++
      }
      if (taken < expected) continue
      const next = text[m.index + end]
      if (next !== undefined && /[A-Za-z0-9]/.test(next)) continue
      const compact = raw.slice(0, end).replace(/ /g, '')
      if (!ibanChecksumValid(compact)) continue
      out.push(piiFinding('IBAN_CODE', m.index, m.index + end, 1))
    }
    return out
  },
}
