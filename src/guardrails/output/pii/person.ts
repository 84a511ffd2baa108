import type { Finding } from '../../finding.js'
import { piiFinding } from '../recognizer.js'
import { previousWord, type Words } from './capitalised-words.js'
import { FIRST_NAMES } from './first-names.js'

const GIVEN = new Set(FIRST_NAMES.map((n) => n.toLowerCase()))
// Words that introduce a name: honorifics, salutations, form labels ("Name:"), "my name is", "I am".
const INTRO = new Set(
  [
    'mr mrs ms miss mx dr prof sir madam dear hi hello thanks regards sincerely name signed cc patient client employee customer tenant applicant',
    // Roles and relations that stand right before a person's name ("producer Ann Lee", "my sister Maya").
    'starring featuring producer director author writer singer actor actress commenter colleague coach captain professor nurse officer uncle aunt cousin brother sister mother father son daughter wife husband grandma grandpa',
    // Plural labels that open a list of people ("founders: Varga, Osei and ..."); list members follow.
    'founders cofounders co-founders members authors attendees participants guests speakers panelists cast owners',
  ]
    .join(' ')
    .split(' '),
)
const INTRO_PAIRS = new Set([
  'name is',
  'i am',
  "i'm",
  'call me',
  'named',
  'called',
  // Credits: the person after "directed by", "written by" ... (bare "by" is too often a date or a firm).
  ...'directed written produced founded performed sung composed painted signed approved reported created narrated'
    .split(' ')
    .map((verb) => `${verb} by`),
])
const PAIR_LAST = new Set([...INTRO_PAIRS].map((p) => p.split(' ').pop()!))
const NOT_A_NAME = new Set(
  'The A An I We You He She It They This That My Your Our Their His Her Its Please Thanks Dear Hello Hi Name Date Time Phone Email Address Street Road Avenue Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December Inc Ltd Corp Company Bank Mr Mrs Ms Miss Mx Dr Prof Sir Madam Dame Lord Lady Apt Suite Unit Floor'
    .toLowerCase()
    .split(' '),
)
for (const contraction of ["i'm", "i'll", "i've", "i'd"]) NOT_A_NAME.add(contraction)
// Streets are named after people: "Rue Émile Zola", "88 Henry Street" are addresses, not persons.
const STREET_BEFORE = new Set(
  'rue via rua avenue ave avenida calle vila strada st saint san santa são sankt boulevard blvd allée viale piazza place plaza largo travessa c'.split(
    ' ',
  ),
)
const STREET_AFTER =
  /^ (?:street|st\b|avenue|ave\b|road|rd\b|lane|ln\b|drive|boulevard|blvd|way|court|place|square|terrace|apt|suite|gate|gata|vej|weg|straße|strasse|straat|laan|väg)/i
// In case-folded text only names that are not also common words are taken.
const LOWER_CASE_AMBIGUOUS = new Set([
  'jan',
  'ali',
  'kim',
  'leo',
  'eli',
  'tom',
  'ian',
  'ann',
  'yan',
  'wei',
  'jean',
  'carol',
  'victoria',
  'virginia',
  'lily',
  'rosa',
  'vera',
  'mila',
  'nina',
  'ella',
  'max',
])

/**
 * PERSON: a known given name (gazetteer) with following capitalised surnames, capitalised words right
 * after a name-introducing word ("Dr.", "Dear", "my name is"), and the other members of a list that
 * holds a name ("Varga, Osei and Lind"). Names in street addresses are left out. Weaker than a
 * trained model (no Greek, Cyrillic or CJK names; lone surnames are missed): the evaluation says how much.
 */
export function personsIn(text: string, words: Words): Finding[] {
  const out: Finding[] = []
  const { starts, ends, lowerCase } = words
  const isPerson = new Uint8Array(starts.length)
  let isDialogueText: boolean | undefined
  const dialogue = () => {
    isDialogueText ??= isDialogue(text)
    return isDialogueText
  }
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i]!
    const lower = words.lower[i]!
    if (NOT_A_NAME.has(lower)) continue
    const known = GIVEN.has(lower) && !(lowerCase && (lower.length < 4 || LOWER_CASE_AMBIGUOUS.has(lower)))
    const intro =
      !known && !lowerCase && (introduced(text, start) || speakerLabel(text, start, ends[i]!, dialogue))
    if (!known && !intro) continue
    if (inStreet(text, start, ends[i]!)) {
      // The rest of a street name ("Rue Émile Zola") goes with it.
      while (i + 1 < starts.length && starts[i + 1] === ends[i]! + 1 && text[ends[i]!] === ' ') i++
      continue
    }
    const firstEnd = ends[i]!
    let end = firstEnd
    isPerson[i] = 1
    // Extend over one or two following capitalised words separated by a single space (surnames).
    for (let j = i + 1; !lowerCase && j < starts.length && j <= i + 2; j++) {
      if (starts[j] !== end + 1 || text[end] !== ' ') break
      if (NOT_A_NAME.has(words.lower[j]!) || inStreet(text, starts[j]!, ends[j]!)) break
      end = ends[j]!
      isPerson[j] = 1
      i = j
    }
    if (inStreet(text, start, end)) continue
    const multi = end > firstEnd
    const score = known ? (multi ? 0.85 : 0.7) : multi ? 0.7 : 0.55
    out.push(piiFinding('PERSON', start, end, score))
  }
  if (!lowerCase) out.push(...listMembers(text, words, isPerson))
  return out
}

// Capitalised words joined to a person by ", " or " and " (in either direction) are people too.
function listMembers(text: string, words: Words, isPerson: Uint8Array): Finding[] {
  const out: Finding[] = []
  const { starts, ends } = words
  const joined = (a: number, b: number) => /^(?:, |,? and |,? & )$/.test(text.slice(ends[a], starts[b]))
  for (let pass = 0; pass < 2; pass++) {
    for (let k = 0; k < starts.length; k++) {
      const i = pass === 0 ? k : starts.length - 1 - k
      if (isPerson[i] !== 1) continue
      const j = pass === 0 ? i + 1 : i - 1
      if (j < 0 || j >= starts.length || isPerson[j] === 1) continue
      if (!(pass === 0 ? joined(i, j) : joined(j, i))) continue
      if (NOT_A_NAME.has(words.lower[j]!) || inStreet(text, starts[j]!, ends[j]!)) continue
      isPerson[j] = 1
      out.push(piiFinding('PERSON', starts[j]!, ends[j]!, 0.6))
    }
  }
  return out
}

// A script or chat transcript line: `Brannock: "Where were you?"`. The word opens the line, a colon follows,
// then quoted speech; and the text has at least two such lines (a dialogue), because one line of that
// shape is as often a log label (`Error: "file not found"`).
const SPEECH_LINE = /^[A-Z][a-z]+:\s{0,3}\\?["“]/gm
// The line test comes first; the whole-text dialogue test runs at most once per text (`dialogue`).
function speakerLabel(text: string, start: number, end: number, dialogue: () => boolean): boolean {
  if (start > 0 && text.charCodeAt(start - 1) !== 10) return false
  if (text.charCodeAt(end) !== 58) return false
  let i = end + 1
  while (i < text.length && i < end + 4 && (text[i] === ' ' || text[i] === '\\')) i++
  return (text[i] === '"' || text[i] === '“') && dialogue()
}

function isDialogue(text: string): boolean {
  SPEECH_LINE.lastIndex = 0
  let n = 0
  while (n < 2 && SPEECH_LINE.exec(text) !== null) n++
  return n >= 2
}

function introduced(text: string, start: number): boolean {
  const prev = previousWord(text, start)
  if (INTRO.has(prev.word)) return true
  // Most capitalised words follow some other word: only the last word of a pair needs the one before.
  if (!PAIR_LAST.has(prev.word)) return false
  const before = previousWord(text, prev.start)
  return INTRO_PAIRS.has(`${before.word} ${prev.word}`) || INTRO_PAIRS.has(prev.word)
}

function inStreet(text: string, start: number, end: number): boolean {
  if (STREET_AFTER.test(text.slice(end, end + 12))) return true
  // Walk back over up to three capitalised words ("09 Maria Luisa Dorr"), then look for a street
  // word or a house number before the run.
  let first = start
  for (let k = 0; k < 3; k++) {
    const prev = previousWord(text, first)
    if (STREET_BEFORE.has(prev.word)) return true
    if (prev.word === '' || text[first - 1] !== ' ' || !/^[A-ZÀ-Þ]/.test(text[prev.start] ?? '')) break
    first = prev.start
  }
  if (STREET_BEFORE.has(previousWord(text, first).word)) return true
  // "52 Harrow Avenue", "at 31 Rue ...": a house number right before.
  return /\d[A-Za-z]?[ ,]*$/.test(text.slice(Math.max(0, first - 4), first))
}
