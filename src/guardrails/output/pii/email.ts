import type { Finding } from '../../finding.js'
import { piiFinding, type Recognizer } from '../recognizer.js'

const LOCAL_CHAR = /[\w.%+-]/
const DOMAIN_CHAR = /[A-Za-z0-9.-]/
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
      while (start > lastEnd && at - start < 64 && LOCAL_CHAR.test(text[start - 1]!)) start--
      if (start > 0 && LOCAL_CHAR.test(text[start - 1]!)) continue
      let end = at + 1
      while (end < text.length && end - at <= 253 && DOMAIN_CHAR.test(text[end]!)) end++
      while (end > at + 1 && /[.-]/.test(text[end - 1]!)) end--
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
