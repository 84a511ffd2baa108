import type { Finding } from '../../finding.js'
import { hasContext, piiFinding, type Recognizer } from '../recognizer.js'

const HAS_DIGIT = /\d/

const SSN = /(?<![\d-])(\d{3})([- .]?)(\d{2})\2(\d{4})(?![\d]|-\d)/g
const CONTEXT = /ssn|social[\s-]*security|\bsocial\b|tax\s*id|\btin\b|ss#/i

/**
 * True for an SSN the SSA could have issued: area not 000, 666 or 900-999, group not 00, serial not
 * 0000, and not one of the numbers known to be public (the 1938 Woolworth wallet card, 123-45-6789).
 */
export function ssnValid(area: string, group: string, serial: string): boolean {
  if (area === '000' || area === '666' || area.startsWith('9')) return false
  if (group === '00' || serial === '0000') return false
  const all = area + group + serial
  return all !== '078051120' && all !== '123456789' && !/^(\d)\1{8}$/.test(all)
}

/** US_SSN: dashed numbers on their own; undelimited or space-separated ones only near SSN words. */
export const usSsnRecognizer: Recognizer = {
  entities: ['US_SSN'],
  scan(text) {
    if (!HAS_DIGIT.test(text)) return []
    const out: Finding[] = []
    for (const m of text.matchAll(SSN)) {
      const [raw, area = '', sep = '', group = '', serial = ''] = m
      if (!ssnValid(area, group, serial)) continue
      const context = hasContext(text, m.index, m.index + raw.length, CONTEXT, 64)
      if (sep !== '-' && !context) continue
      out.push(piiFinding('US_SSN', m.index, m.index + raw.length, context ? 1 : 0.6))
    }
    return out
  },
}
