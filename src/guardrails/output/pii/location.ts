import type { Finding } from '../../finding.js'
import { piiFinding } from '../recognizer.js'
import { previousWord, type Words } from './capitalised-words.js'
import { FIRST_NAMES } from './first-names.js'
import { CITIES, COUNTRIES, REGIONS } from './places.js'

const PLACES = new Map<string, number>()
for (const p of COUNTRIES) PLACES.set(p.toLowerCase(), 0.85)
for (const p of REGIONS) PLACES.set(p.toLowerCase(), 0.75)
// A one-word city that is also a given name or a common surname ("Charlotte", "Hamilton") is a person
// far more often than a place in running text: those are left out.
const PERSON_LIKE = new Set([
  ...FIRST_NAMES.map((n) => n.toLowerCase()),
  ...'hamilton lincoln darwin madison aurora salvador georgetown arlington richmond durham lexington buffalo columbus jackson houston kingston'.split(
    ' ',
  ),
])
for (const p of CITIES)
  if (p.includes(' ') || !PERSON_LIKE.has(p.toLowerCase())) PLACES.set(p.toLowerCase(), 0.75)
// First words of every place: only a word in this set starts a lookup, so most words cost one Set probe.
const FIRST_WORDS = new Set([...PLACES.keys()].map((p) => p.split(' ')[0] ?? ''))
// Every word-prefix of a multi-word place ("new", "new south"): extension stops once a phrase is none.
const PREFIXES = new Set(
  [...PLACES.keys()].flatMap((p) =>
    p
      .split(' ')
      .slice(0, -1)
      .map((_, i, words) => words.slice(0, i + 1).join(' ')),
  ),
)
const MAX_WORDS = 5
const HONORIFIC = new Set(['mr', 'mrs', 'ms', 'dr', 'miss'])
// Place names that are also common words or given names: not taken from case-folded text.
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
  'uk',
  'usa',
  'uae',
  'korea',
  'congo',
  'india',
  'maine',
  'jersey',
  'bern',
  'perth',
  'wales',
  'reading',
  'split',
])
// "grew up in Marrowby", "lives in TALVERNE": a capitalised word after these is a place.
const PLACE_INTRO =
  /\b(?:lives?|lived|living|grew up|born|moved|based|located|arrived|travel+ed|staying|visiting|trip|relocated|situated|headquartered) (?:in|at|to|from)\s*$/i

/**
 * LOCATION: countries, US states and regions, and large cities from a gazetteer (written from public
 * lists), capitalised, longest match first ("New South Wales" over "Wales"). Lower-case words inside a
 * place ("Bosnia and Herzegovina") are allowed; streets and small towns are not covered.
 */
export function locationsIn(text: string, words: Words): Finding[] {
  const out: Finding[] = []
  const { starts, ends } = words
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i]!
    let phrase = words.lower[i]!
    if (!FIRST_WORDS.has(phrase)) {
      // The intro always ends in "in", "at", "to" or "from": test its last letter before the regex.
      if (
        !words.lowerCase &&
        endsLikeIntro(text, start) &&
        PLACE_INTRO.test(text.slice(Math.max(0, start - 24), start))
      ) {
        out.push(piiFinding('LOCATION', start, ends[i]!, 0.6))
      }
      continue
    }
    if (words.lowerCase && AMBIGUOUS.has(phrase)) continue
    if (HONORIFIC.has(previousWord(text, start).word)) continue
    let best = PLACES.has(phrase) ? { end: ends[i]!, score: PLACES.get(phrase)! } : undefined
    let end = ends[i]!
    // Extend over following space-separated words (any case: "and", "of", "the" sit inside names).
    for (let n = 1; n < MAX_WORDS; n++) {
      if (text[end] !== ' ' || !PREFIXES.has(phrase)) break
      let stop = end + 1
      while (stop < text.length && stop - end < 20 && isNameChar(text.charCodeAt(stop))) stop++
      if (stop === end + 1) break
      phrase = `${phrase} ${text.slice(end + 1, stop).toLowerCase()}`
      end = stop
      const score = PLACES.get(phrase)
      if (score !== undefined) best = { end, score }
    }
    if (best === undefined) continue
    out.push(piiFinding('LOCATION', start, best.end, best.score))
    while (i + 1 < starts.length && starts[i + 1]! < best.end) i++
  }
  return out
}

// The last non-space character before `pos` is n, t, o or m (of "in", "at", "to", "from").
function endsLikeIntro(text: string, pos: number): boolean {
  let i = pos - 1
  while (i >= 0 && pos - i <= 24 && isSpace(text.charCodeAt(i))) i--
  const c = text.charCodeAt(i) | 0x20
  return c === 110 || c === 116 || c === 111 || c === 109
}

// Exactly the characters of the regex class \s, by code (this runs before every capitalised word).
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13)
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  )
}

// Letters (ASCII, Latin-1, Latin Extended), apostrophes and hyphens, by code for speed.
function isNameChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) ||
    c === 39 ||
    c === 0x2019 ||
    c === 45
  )
}
