/** A value read from text: where it starts and what it is. */
export interface ReadValue {
  readonly start: number
  readonly value: string
}

const BARE_END = /[\s'",;<>`)}\]]/

/**
 * The value at `pos`: up to the closing quote when quoted (escaped quotes `\"` included), else up to
 * whitespace or a delimiter. At most 512 characters, and never past a line break.
 */
export function readValue(text: string, pos: number): ReadValue | undefined {
  let p = pos
  if (text[p] === '\\' && (text[p + 1] === '"' || text[p + 1] === "'")) p++
  const q = text[p]
  if (q === '"' || q === "'" || q === '`') {
    const limit = Math.min(text.length, p + 513)
    let end = p + 1
    while (end < limit && text[end] !== q && text[end] !== '\n') end++
    let value = text.slice(p + 1, end).split(/\\n|\r/)[0] ?? ''
    if (value.endsWith('\\')) value = value.slice(0, -1)
    return value.length === 0 ? undefined : { start: p + 1, value }
  }
  let end = p
  while (end < text.length && end - p < 512 && !BARE_END.test(text[end]!)) end++
  const value = text.slice(p, end).replace(/[.&]+$/, '')
  return value.length === 0 ? undefined : { start: p, value }
}
