import type { Finding } from '../../finding.js'
import { piiFinding } from '../recognizer.js'
import { previousWord, type Words } from './capitalised-words.js'
import { FIRST_NAMES } from './first-names.js'

const GIVEN = new Set(FIRST_NAMES.map((n) => n.toLowerCase()))
// Words that introduce a name: honorifics, salutations, form labels ("Name:"), "my name is", "I am".
const INTRO = new Set(
  'mr mrs ms miss mx dr prof sir madam dear hi hello thanks regards sincerely name signed cc patient client employee customer tenant applicant'.split(
    ' ',
  ),
)
const INTRO_PAIRS = new Set(['name is', 'i am', "i'm", 'call me', 'named', 'called'])
const NOT_A_NAME = new Set(
  'The A An I We You He She It They This That My Your Our Their His Her Its Please Thanks Dear Hello Hi Name Date Time Phone Email Address Street Road Avenue Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December Inc Ltd Corp Company Bank Mr Mrs Ms Miss Mx Dr Prof Sir Madam Dame Lord Lady'
    .toLowerCase()
    .split(' '),
)

/**
 * PERSON: a known given name (gazetteer) with following capitalised surnames, or capitalised words right
 * after a name-introducing word ("Dr.", "Dear", "my name is"). Weaker than a trained model (no Greek,
 * Cyrillic or CJK names; surnames alone are missed): the evaluation reports it as measured.
 */
export function personsIn(text: string, words: Words): Finding[] {
  const out: Finding[] = []
  const { starts, ends } = words
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i]!
    const lower = text.slice(start, ends[i]).toLowerCase()
    if (NOT_A_NAME.has(lower)) continue
    const known = GIVEN.has(lower)
    const intro = !known && introduced(text, start)
    if (!known && !intro) continue
    const firstEnd = ends[i]!
    let end = firstEnd
    // Extend over one or two following capitalised words separated by a single space (surnames).
    for (let j = i + 1; j < starts.length && j <= i + 2; j++) {
      if (starts[j] !== end + 1 || text[end] !== ' ') break
      if (NOT_A_NAME.has(text.slice(starts[j], ends[j]).toLowerCase())) break
      end = ends[j]!
      i = j
    }
    const multi = end > firstEnd
    const score = known ? (multi ? 0.85 : 0.7) : multi ? 0.7 : 0.55
    out.push(piiFinding('PERSON', start, end, score))
  }
  return out
}

function introduced(text: string, start: number): boolean {
  const prev = previousWord(text, start)
  if (INTRO.has(prev.word)) return true
  const before = previousWord(text, prev.start)
  return INTRO_PAIRS.has(`${before.word} ${prev.word}`) || INTRO_PAIRS.has(prev.word)
}
