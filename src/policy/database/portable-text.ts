import { scanSync } from 'libpg-query'

// The statement that runs downstream must read, token for token, as the statement that was checked, in
// every engine the governed db tool uses. PostgreSQL and SQLite lex most SQL alike, but not all of it:
// PostgreSQL nests /* /* */ */ comments and ends `--` comments at \r, reads backslash escapes in E'...'
// strings, and has dollar-quoted strings; SQLite does none of that, so
// `SELECT 1 FROM orders /* /* */ UNION SELECT * FROM users -- */` reads `users` only in SQLite.
// The text is therefore restated without comments, with those strings as standard '...' literals.

/** A replacement of bytes [start, end) of the input (UTF-8 byte offsets, as the parser reports them). */
export interface TextEdit {
  readonly start: number
  readonly end: number
  readonly text: string
}

/** The statement's code span and the edits that make it portable; `unportable` when it cannot be restated. */
export type PortableText =
  | {
      readonly ok: true
      readonly start: number
      readonly end: number
      readonly edits: readonly TextEdit[]
      /** Whether the text held a comment or a string that must be restated (so the input cannot run as is). */
      readonly changed: boolean
    }
  | { readonly ok: false; readonly reason: string }

const COMMENTS = new Set(['SQL_COMMENT', 'C_COMMENT'])

/**
 * Finds where the statement's code starts and ends (without leading or trailing comments, whitespace and
 * `;`) and the edits that restate comments and non-standard strings. `strings` maps the byte location of
 * each string constant to its value as the parser decoded it.
 */
export function portableText(
  bytes: Buffer,
  start: number,
  end: number,
  strings: ReadonlyMap<number, string>,
): PortableText {
  // The whole input counts, not just the statement: a comment before it or after its `;` reaches the
  // engine downstream as well (`SELECT 1; /* /* */ DROP TABLE users -- */` is one statement only here).
  if (!needsScan(bytes)) {
    let last = end
    while (last > start && isSpaceByte(bytes[last - 1] ?? 0)) last--
    return { ok: true, start, end: last, edits: [], changed: false }
  }
  const tokens = scanSync(bytes.toString('utf8')).tokens
  const code = tokens.filter((t) => !COMMENTS.has(t.tokenName) && t.start >= start && t.end <= end)
  const first = code[0]
  const last = code[code.length - 1]
  const changed = tokens.some((token) => COMMENTS.has(token.tokenName))
  if (first === undefined || last === undefined) return { ok: true, start, end: start, edits: [], changed }
  const edits: TextEdit[] = []
  for (const token of tokens) {
    if (token.start < first.start || token.end > last.end) continue
    if (COMMENTS.has(token.tokenName)) {
      edits.push({ start: token.start, end: token.end, text: ' ' })
    } else if (token.tokenName === 'SCONST' && !token.text.startsWith("'")) {
      const value = strings.get(token.start)
      if (value === undefined)
        return { ok: false, reason: `cannot restate the string ${token.text.slice(0, 40)} portably` }
      edits.push({ start: token.start, end: token.end, text: standardLiteral(value) })
    }
  }
  return { ok: true, start: first.start, end: last.end, edits, changed: changed || edits.length > 0 }
}

/** Applies non-overlapping edits to bytes [start, end) and decodes the result. */
export function applyEdits(bytes: Buffer, start: number, end: number, edits: readonly TextEdit[]): string {
  const parts: Buffer[] = []
  let at = start
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    if (edit.start < at || edit.end > end) continue
    parts.push(bytes.subarray(at, edit.start), Buffer.from(edit.text, 'utf8'))
    at = edit.end
  }
  parts.push(bytes.subarray(at, end))
  return Buffer.concat(parts).toString('utf8')
}

// A literal both engines read the same way (standard_conforming_strings: backslash is an ordinary byte).
function standardLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`
}

// Comments start with `--` or `/*`; dollar quotes with `$` and a non-digit ($1 is a parameter); the
// escapes that differ need a backslash. Without any of these bytes the text is already portable.
function needsScan(region: Buffer): boolean {
  for (let i = 0; i < region.length; i++) {
    const b = region[i]
    const next = region[i + 1] ?? 0
    if (b === 92) return true
    if (b === 45 && next === 45) return true
    if (b === 47 && next === 42) return true
    if (b === 36 && !(next >= 48 && next <= 57)) return true
  }
  return false
}

// PostgreSQL's whitespace: space, \t, \n, \v, \f, \r (not Unicode spaces, which are identifier bytes).
function isSpaceByte(b: number): boolean {
  return b === 32 || (b >= 9 && b <= 13)
}
