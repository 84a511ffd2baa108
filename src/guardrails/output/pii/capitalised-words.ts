/** Capitalised words of a text as parallel arrays of start and end offsets. */
export interface Words {
  readonly starts: readonly number[]
  readonly ends: readonly number[]
}

// Latin letters including Latin-1 and Latin Extended-A/B (accented European names and places). ASCII
// classes keep this one pass fast; Unicode property escapes cost several times more per character.
const UPPER = 'A-Z\\u00C0-\\u00D6\\u00D8-\\u00DE\\u0100-\\u024F'
const LOWER = 'a-z\\u00DF-\\u00F6\\u00F8-\\u00FF\\u0100-\\u024F'
const WORD = new RegExp(
  `(?<![${UPPER}${LOWER}0-9_'’-])[${UPPER}][${LOWER}'’-]{1,30}(?:[${UPPER}][${LOWER}]{1,30})?(?![${UPPER}${LOWER}0-9_])`,
  'g',
)

/** Every capitalised word (Name, McDonald, Jean-Pierre, São) in one linear pass. */
export function capitalisedWords(text: string): Words {
  const starts: number[] = []
  const ends: number[] = []
  WORD.lastIndex = 0
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    starts.push(m.index)
    ends.push(m.index + m[0].length)
  }
  return { starts, ends }
}

/** The word (letters and apostrophes) ending just before `pos`, skipping spaces and `.,:`; lower-cased. */
export function previousWord(text: string, pos: number): { word: string; start: number } {
  let end = pos
  while (end > 0 && end > pos - 4 && /[\s.,:]/.test(text[end - 1]!)) end--
  let start = end
  while (start > 0 && end - start < 20 && /[A-Za-z'’]/.test(text[start - 1]!)) start--
  return { word: text.slice(start, end).toLowerCase(), start }
}
