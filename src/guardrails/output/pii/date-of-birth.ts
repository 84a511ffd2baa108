import type { Finding } from '../../finding.js'
import { piiFinding, type Recognizer } from '../recognizer.js'

const MONTHS =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?'
const DATE = new RegExp(
  `(?<![\\w/.-])(?:\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})|\\d{4}-\\d{2}-\\d{2}|(?:${MONTHS})\\.? \\d{1,2}(?:st|nd|rd|th)?,? \\d{4}|\\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:${MONTHS})\\.?,? \\d{4})(?![\\w/]|[.-]\\d)`,
  'gi',
)
// A date is a date of birth only when the words before it say so; "since 3/14/1988" is not one.
const CONTEXT = /born|birth|\bdob\b|d\.o\.b|birthday|\bnée\b/gi
const WINDOW = 48

/** DATE_OF_BIRTH: a date (numeric or with a month name) within 48 characters after a birth word. */
export const dateOfBirthRecognizer: Recognizer = {
  entities: ['DATE_OF_BIRTH'],
  scan(text) {
    const out: Finding[] = []
    let searched = 0
    for (const c of text.matchAll(CONTEXT)) {
      // Dates are searched only in the window after each birth word.
      const from = Math.max(searched, c.index + c[0].length)
      const to = Math.min(text.length, c.index + c[0].length + WINDOW + 30)
      DATE.lastIndex = from
      for (let m = DATE.exec(text); m !== null && m.index < to; m = DATE.exec(text)) {
        if (m.index - (c.index + c[0].length) > WINDOW) break
        out.push(piiFinding('DATE_OF_BIRTH', m.index, m.index + m[0].length, 0.85))
        searched = m.index + m[0].length
      }
    }
    return out
  },
}
