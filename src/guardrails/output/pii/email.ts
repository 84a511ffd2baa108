import type { Finding } from '../../finding.js'
import { piiFinding, type Recognizer } from '../recognizer.js'

// The lookbehind makes every attempt start at the beginning of a run of local-part characters, so a
// 100 KB run without '@' is walked once (linear), not once per position (quadratic).
const EMAIL = /(?<![\w.%+-])[\w.%+-]{1,64}@[A-Za-z0-9.-]{1,253}/g
const TLD = /^[A-Za-z]{2,24}$/

/** EMAIL_ADDRESS: local@domain with a checked domain (labels, alphabetic TLD). */
export const emailRecognizer: Recognizer = {
  entities: ['EMAIL_ADDRESS'],
  scan(text) {
    if (!text.includes('@')) return []
    const out: Finding[] = []
    for (const m of text.matchAll(EMAIL)) {
      const at = m[0].indexOf('@')
      const local = m[0].slice(0, at)
      const domain = m[0].slice(at + 1).replace(/[.-]+$/, '')
      if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) continue
      const labels = domain.split('.')
      if (labels.length < 2 || !TLD.test(labels[labels.length - 1] ?? '')) continue
      if (labels.some((l) => l.length === 0 || l.length > 63 || l.startsWith('-') || l.endsWith('-')))
        continue
      out.push(piiFinding('EMAIL_ADDRESS', m.index, m.index + at + 1 + domain.length, 1))
    }
    return out
  },
}
