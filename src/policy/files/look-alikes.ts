// Look-alikes of `/`, `\` and `.` that NFKC does not fold, from Unicode's confusables.txt (symbols and
// punctuation only: letters of a script, such as katakana ノ, stay allowed). A person approving
// `/data/public∕..∕secrets` reads a traversal that the file system does not perform, and a layer that
// "cleans up" Unicode may perform it after the check.
const UNFOLDED_LOOKALIKE =
  /[\u0701\u0702\u1735\u2041\u2044\u2215\u2216\u2571\u2572\u27cb\u27cd\u29f5\u29f8\u29f9\ua4f8\ua60e\u{10a50}\u{1d23a}]/u

// Invisible characters that make two different paths look the same (or one segment look like `..`):
// format characters (bidi overrides, zero-width space, BOM, tags), Hangul fillers, braille blank.
// ZWNJ and ZWJ (U+200C, U+200D) are kept: Persian, Indic scripts and emoji sequences need them.
const INVISIBLE = /(?![\u200c\u200d])[\p{Cf}\u115f\u1160\u3164\uffa0\u2800]/u
const JOINER_BESIDE_STRUCTURE = /[\u200c\u200d][/.]|[/.][\u200c\u200d]/
// A combining mark has nothing to combine with at the start or after `/`, and on a `.` it makes a dot
// that is not a dot to the file system but may be to a normaliser.
const MARK_ON_STRUCTURE = /(?:^|[/.])\p{M}/u
const STRUCTURE = /[/\\.]/g
const ESCAPE = /%[0-9A-Fa-f]{2}/g

/**
 * Why a non-ASCII path is refused as a look-alike, or undefined. NFKC folds fullwidth `／` and `．`,
 * small `﹒`, one-dot leader `․` (U+2024), `‥` and `…` into ASCII: if folding changes the number of
 * `/`, `\` or `.`, or conjures a percent-escape (`％２ｅ`), some layer that folds would see a different
 * path than the one checked.
 *
 * @example lookAlikeReason('/data/public/．．／x') // 'path contains a Unicode look-alike of `/`, `\\` or `.`'
 */
export function lookAlikeReason(path: string): string | undefined {
  if (UNFOLDED_LOOKALIKE.test(path)) return 'path contains a Unicode look-alike of `/`, `\\` or `.`'
  if (INVISIBLE.test(path) || JOINER_BESIDE_STRUCTURE.test(path))
    return 'path contains an invisible format character'
  if (MARK_ON_STRUCTURE.test(path)) return 'path has a combining mark on a separator or dot'
  const folded = path.normalize('NFKC')
  if (folded === path) return undefined
  if (count(folded, STRUCTURE) !== count(path, STRUCTURE)) {
    return 'path contains a Unicode look-alike of `/`, `\\` or `.` (it folds to ASCII under NFKC)'
  }
  if (count(folded, ESCAPE) !== count(path, ESCAPE)) return 'path contains a look-alike percent-escape'
  return undefined
}

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0
}
