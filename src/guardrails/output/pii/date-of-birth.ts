import type { Finding } from '../../finding.js'
import { piiFinding, type Recognizer } from '../recognizer.js'

const MONTHS =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?'
const DATE = new RegExp(
  `(?<![\\w/.-])(?:\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})|\\d{4}-\\d{2}-\\d{2}|(?:${MONTHS})\\.? \\d{1,2}(?:st|nd|rd|th)?,? \\d{4}|\\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:${MONTHS})\\.?,? \\d{4})(?![\\w/]|[.-]\\d)`,
  'gi',
)
// A date is a date of birth only when the words around it say so; "since 1/20/1976" is not one.
const CONTEXT = /born|birth|\bdob\b|d\.o\.b|date of birth|birthday|\bage\b|\bnée\b/i

/** DATE_OF_BIRTH: a date (numeric or with a month name) with birth words within 48 characters before it. */
export const dateOfBirthRecognizer: Recognizer = {
  entities: ['DATE_OF_BIRTH'],
  scan(text) {
    if (!CONTEXT.test(text)) return []
    const out: Finding[] = []
    for (const m of text.matchAll(DATE)) {
      const before = text.slice(Math.max(0, m.index - 48), m.index)
      if (!CONTEXT.test(before)) continue
      out.push(piiFinding('DATE_OF_BIRTH', m.index, m.index + m[0].length, 0.85))
    }
    return out
  },
}
