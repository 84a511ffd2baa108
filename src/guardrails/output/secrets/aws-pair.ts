import type { Finding } from '../../finding.js'
import { charClasses, isPlaceholder, shannonEntropy } from '../placeholder.js'
import { type Recognizer, secretFinding } from '../recognizer.js'

const KEY_ID = /(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/g
const SECRET = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g
const WINDOW = 400

/**
 * AWS_SECRET_KEY by pairing: a 40-character base64 value within 400 characters of an access key id is
 * the key's secret, whatever it is called (credentials files, JSON dumps, `aws configure` output).
 * Values without the randomness of a real key (placeholders, hex digests, low entropy) are skipped.
 */
export const awsPairRecognizer: Recognizer = {
  entities: ['SECRET'],
  scan(text) {
    if (!text.includes('AKIA') && !text.includes('ASIA')) return []
    const out: Finding[] = []
    let searched = 0
    for (const id of text.matchAll(KEY_ID)) {
      // Search only the window around this key id (a bounded slice: a forward regex search over the
      // rest of the text for every key id would be quadratic).
      const from = Math.max(searched, id.index - WINDOW)
      const stop = Math.min(text.length, id.index + id[0].length + WINDOW)
      if (from >= stop) continue
      const window = text.slice(from, stop)
      for (const m of window.matchAll(SECRET)) {
        const v = m[0]
        const at = from + m.index
        // The window may cut a longer run: the value must end where the run ends in the full text.
        if (/[A-Za-z0-9/+]/.test(text[at - 1] ?? '') || /[A-Za-z0-9/+=]/.test(text[at + 40] ?? '')) continue
        if (/^[0-9a-f]+$/i.test(v) || charClasses(v) < 3 || shannonEntropy(v) < 4 || isPlaceholder(v))
          continue
        out.push(secretFinding('AWS_SECRET_KEY', at, at + v.length, 0.9))
      }
      searched = stop
    }
    return out
  },
}
