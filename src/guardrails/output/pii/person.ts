import type { Finding } from '../../finding.js'
import { piiFinding, type Recognizer } from '../recognizer.js'
import { FIRST_NAMES } from './first-names.js'

const GIVEN = new Set(FIRST_NAMES.map((n) => n.toLowerCase()))
// A capitalised word (Latin letters with accents, apostrophes and hyphens inside).
const WORD = /(?<![\p{L}\p{N}_'’-])\p{Lu}[\p{Ll}'’-]{1,30}(?:\p{Lu}\p{Ll}{1,30})?(?![\p{L}\p{N}_])/gu
// Words that introduce a name: honorifics, salutations, "my name is", form labels.
const INTRO =
  /(?:\b(?:mr|mrs|ms|miss|dr|prof|sir|madam|dear|hi|hello|thanks|regards|sincerely|name(?: is|:)|i am|i'm|call me|signed|from|by|to|with|cc|patient|client|employee|customer)[.,:]?\s+)$/i
const NOT_A_NAME = new Set(
  'The A An I We You He She It They This That My Your Our Their His Her Its Please Thanks Dear Hello Hi Name Date Time Phone Email Address Street Road Avenue Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December Inc Ltd Corp Company Bank'
    .toLowerCase()
    .split(' '),
)

/**
 * PERSON: a known given name (gazetteer) with a following capitalised surname, or capitalised words
 * right after a name-introducing word ("Dr.", "Dear", "my name is"). Weaker than a trained model: the
 * evaluation reports it as measured.
 */
export const personRecognizer: Recognizer = {
  entities: ['PERSON'],
  scan(text) {
    const out: Finding[] = []
    const words = [...text.matchAll(WORD)]
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!
      const lower = w[0].toLowerCase()
      if (NOT_A_NAME.has(lower)) continue
      const known = GIVEN.has(lower)
      const intro = INTRO.test(text.slice(Math.max(0, w.index - 24), w.index))
      if (!known && !intro) continue
      let end = w.index + w[0].length
      // Extend over one or two following capitalised words separated by a single space (surnames).
      for (let j = i + 1; j < words.length && j <= i + 2; j++) {
        const n = words[j]!
        if (n.index !== end + 1 || text[end] !== ' ' || NOT_A_NAME.has(n[0].toLowerCase())) break
        end = n.index + n[0].length
        i = j
      }
      const multi = end > w.index + w[0].length
      const score = known ? (multi || intro ? 0.85 : 0.7) : multi ? 0.7 : 0.55
      out.push(piiFinding('PERSON', w.index, end, score))
    }
    return out
  },
}
