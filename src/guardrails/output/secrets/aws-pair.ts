import type { Finding } from '../../finding.js'
import { asciiClass, forEachRun, tokenRuns } from '../char-runs.js'
import { charClasses, isPlaceholder, shannonEntropy } from '../placeholder.js'
import { type Recognizer, secretFinding } from '../recognizer.js'

// The leading boundary is checked in code: without a lookbehind V8 can search for the literal prefix.
const KEY_ID = /(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/g
const BASE64 = asciiClass('A-Za-z0-9/+')
const BASE64_AT = (text: string, i: number) => {
  const c = text.charCodeAt(i)
  return c < 128 && BASE64[c] === 1
}
const WINDOW = 400

/**
 * AWS_SECRET_KEY by pairing: a 40-character base64 value within 400 characters of an access key id is
 * the key's secret, whatever it is called (credentials files, JSON dumps, `aws configure` output).
 * Values without the randomness of a real key (placeholders, hex digests, low entropy) are skipped.
 */
export const awsPairRecognizer: Recognizer = {
  entities: ['SECRET'],
  scan(text, context) {
    if (!text.includes('AKIA') && !text.includes('ASIA')) return []
    const out: Finding[] = []
    // A secret key is a base64 run, so it lies inside a token run of 40 or more characters.
    const runs = context?.tokenRuns ?? tokenRuns(text)
    let k = 0
    let searched = 0
    for (const id of text.matchAll(KEY_ID)) {
      const prev = text.charCodeAt(id.index - 1)
      if ((prev >= 65 && prev <= 90) || (prev >= 48 && prev <= 57)) continue
      // Search only the window around this key id (a bounded slice: a forward regex search over the
      // rest of the text for every key id would be quadratic).
      const from = Math.max(searched, id.index - WINDOW)
      const stop = Math.min(text.length, id.index + id[0].length + WINDOW)
      if (from >= stop) continue
      // Exactly-40-character base64 runs in the window's long token runs, found by a char-code loop (a
      // regex with a lookbehind would be tried at every position of the window).
      while (k < runs.length && runs[k + 1]! <= from) k += 2
      for (let r = k; r < runs.length && runs[r]! < stop; r += 2) {
        const a = Math.max(runs[r]!, from)
        const b = Math.min(runs[r + 1]!, stop)
        if (b - a >= 40) forEachRun(text.slice(a, b), BASE64, 40, (s, e) => check(a + s, e - s))
      }
      searched = stop
    }
    return out

    function check(at: number, length: number): void {
      // The window may cut a longer run: the value must be the whole run in the full text.
      if (length !== 40 || BASE64_AT(text, at - 1) || BASE64_AT(text, at + 40) || text[at + 40] === '=')
        return
      const v = text.slice(at, at + 40)
      if (/^[0-9a-f]+$/i.test(v) || charClasses(v) < 3 || shannonEntropy(v) < 4 || isPlaceholder(v)) return
      out.push(secretFinding('AWS_SECRET_KEY', at, at + 40, 0.9))
    }
  },
}
