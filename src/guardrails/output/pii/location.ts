import type { Finding } from '../../finding.js'
import { piiFinding, type Recognizer } from '../recognizer.js'
import { CITIES, COUNTRIES, REGIONS } from './places.js'

const PLACES = new Map<string, number>()
for (const p of COUNTRIES) PLACES.set(p.toLowerCase(), 0.85)
for (const p of REGIONS) PLACES.set(p.toLowerCase(), 0.75)
for (const p of CITIES) PLACES.set(p.toLowerCase(), 0.75)
const MAX_WORDS = 5
// Country names that are also common words or given names: only capitalised, and not after "Mr".
const AMBIGUOUS = new Set([
  'georgia',
  'jordan',
  'chad',
  'turkey',
  'china',
  'guinea',
  'niger',
  'victoria',
  'america',
  'nice',
  'phoenix',
  'austin',
  'mali',
  'oman',
  'peru',
  'cuba',
  'washington',
  'santiago',
  'lima',
  'virginia',
  'portland',
])
const TOKEN = /[\p{L}][\p{L}.'’-]*/gu

/** LOCATION: countries, US states and regions, and large cities from a gazetteer, longest match first. */
export const locationRecognizer: Recognizer = {
  entities: ['LOCATION'],
  scan(text) {
    const out: Finding[] = []
    const tokens = [...text.matchAll(TOKEN)]
    for (let i = 0; i < tokens.length; i++) {
      let best: { end: number; score: number; next: number } | undefined
      let phrase = ''
      let prevEnd = -1
      for (let j = i; j < tokens.length && j < i + MAX_WORDS; j++) {
        const t = tokens[j]!
        if (prevEnd >= 0 && !/^ +$/.test(text.slice(prevEnd, t.index))) break
        const word = t[0].replace(/[.'’-]+$/, '')
        phrase = phrase === '' ? word.toLowerCase() : `${phrase} ${word.toLowerCase()}`
        prevEnd = t.index + word.length
        const score = PLACES.get(phrase)
        if (score !== undefined) best = { end: prevEnd, score, next: j }
      }
      if (best === undefined) continue
      const first = tokens[i]!
      const capital = /\p{Lu}/u.test(first[0][0] ?? '')
      const matched = text.slice(first.index, best.end).toLowerCase()
      if (!capital && (AMBIGUOUS.has(matched) || matched.length < 5)) continue
      if (/\b(?:mr|mrs|ms|dr)\.?\s+$/i.test(text.slice(Math.max(0, first.index - 5), first.index))) continue
      out.push(piiFinding('LOCATION', first.index, best.end, capital ? best.score : best.score - 0.15))
      i = best.next
    }
    return out
  },
}
