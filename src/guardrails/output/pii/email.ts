import type { Finding } from '../../finding.js'
import { piiFinding, type Recognizer } from '../recognizer.js'

// [\w.%+-] and [A-Za-z0-9.-] by char code: these loops run over every character around every '@'.
const isAlnum = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)
const isLocal = (c: number) => isAlnum(c) || c === 95 || c === 46 || c === 37 || c === 43 || c === 45
const isDomain = (c: number) => isAlnum(c) || c === 46 || c === 45
const TLD = /^[A-Za-z]{2,24}$/

/**
 * EMAIL_ADDRESS: local@domain with a checked domain (labels, alphabetic TLD). Work starts from each '@'
 * and reads at most 64 characters back and 253 forward, so text without '@' costs one indexOf.
 */
export const emailRecognizer: Recognizer = {
  entities: ['EMAIL_ADDRESS'],
  scan(text) {
    const out: Finding[] = []
    let lastEnd = 0
    for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
      let start = at
      while (start > lastEnd && at - start < 64 && isLocal(text.charCodeAt(start - 1))) start--
      if (start > 0 && isLocal(text.charCodeAt(start - 1))) continue
      let end = at + 1
      while (end < text.length && end - at <= 253 && isDomain(text.charCodeAt(end))) end++
      while (end > at + 1 && (text.charCodeAt(end - 1) === 46 || text.charCodeAt(end - 1) === 45)) end--
      const local = text.slice(start, at)
      const domain = text.slice(at + 1, end)
      if (local.length === 0 || local.startsWith('.') || local.endsWith('.') || local.includes('..')) continue
      const labels = domain.split('.')
      if (labels.length < 2 || !TLD.test(labels[labels.length - 1] ?? '')) continue
      if (labels.some((l) => l.length === 0 || l.length > 63 || l.startsWith('-') || l.endsWith('-')))
        continue
      out.push(piiFinding('EMAIL_ADDRESS', start, end, 1))
      lastEnd = end
    }
    return out
  },
}
