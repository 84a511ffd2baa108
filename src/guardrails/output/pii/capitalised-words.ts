/** Capitalised words of a text as parallel arrays of start and end offsets. */
export interface Words {
  readonly starts: readonly number[]
  readonly ends: readonly number[]
  /** Each word in lower case (both name recognisers look words up in lower-case sets). */
  readonly lower: readonly string[]
  /** The text has no capital letters at all, so every word was returned. */
  readonly lowerCase: boolean
}

// Latin letters including Latin-1 and Latin Extended-A/B (accented European names and places). ASCII
// classes keep this one pass fast; Unicode property escapes cost several times more per character.
const UPPER = 'A-Z\\u00C0-\\u00D6\\u00D8-\\u00DE\\u0100-\\u024F'
const LOWER = 'a-z\\u00DF-\\u00F6\\u00F8-\\u00FF\\u0100-\\u024F'
const WORD = new RegExp(
  `(?<![${UPPER}${LOWER}0-9_'’-])[${UPPER}][${LOWER}'’-]{1,30}(?:[${UPPER}][${LOWER}]{1,30})?(?![${UPPER}${LOWER}0-9_])`,
  'g',
)

// Words of text written all in lower case (chat, normalised logs): there, capitals say nothing.
const LOWER_WORD = new RegExp(
  `(?<![${UPPER}${LOWER}0-9_'’-])[${LOWER}][${LOWER}'’-]{1,30}(?![${UPPER}${LOWER}0-9_])`,
  'g',
)
const ANY_UPPER = new RegExp(`[${UPPER}]`)

/**
 * Every capitalised word (Name, McDonald, Jean-Pierre, São) in one linear pass, a possessive "'s"
 * left out. Text without a single capital letter is treated as case-folded: every word is returned and
 * `lowerCase` is set, so recognisers fall back to their gazetteers only.
 */
export function capitalisedWords(text: string): Words {
  const starts: number[] = []
  const ends: number[] = []
  const lower: string[] = []
  const folded = new Map<string, string>()
  const lowerCase = !ANY_UPPER.test(text)
  const re = lowerCase ? LOWER_WORD : WORD
  re.lastIndex = 0
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    let end = m.index + m[0].length
    if (text.charCodeAt(end - 1) === 115 && isApostrophe(text.charCodeAt(end - 2))) end -= 2
    while (end > m.index + 1 && isTrailer(text.charCodeAt(end - 1))) end--
    starts.push(m.index)
    ends.push(end)
    // Words repeat: one lower-cased copy per distinct word, whose hash the later Set lookups reuse.
    const word = text.slice(m.index, end)
    let l = folded.get(word)
    if (l === undefined) {
      l = word.toLowerCase()
      folded.set(word, l)
    }
    lower.push(l)
  }
  return { starts, ends, lower, lowerCase }
}

const isApostrophe = (c: number) => c === 39 || c === 0x2019
const isTrailer = (c: number) => c === 39 || c === 0x2019 || c === 45

/** The word (letters and apostrophes) ending just before `pos`, skipping up to eight spaces and `.,:`; lower-cased. */
export function previousWord(text: string, pos: number): { word: string; start: number } {
  let end = pos
  // Up to eight gap characters: form labels are often padded ("Name:     Ada Lovelace").
  while (end > 0 && end > pos - 9 && isGap(text.charCodeAt(end - 1))) end--
  let start = end
  while (start > 0 && end - start < 20 && isWordLetter(text.charCodeAt(start - 1))) start--
  return { word: start === end ? '' : text.slice(start, end).toLowerCase(), start }
}

// Whitespace and the punctuation between a label and a name: space, tab, newline, ".", ",", ":".
function isGap(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 46 || c === 44 || c === 58
}

function isWordLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 39 || c === 0x2019
}
