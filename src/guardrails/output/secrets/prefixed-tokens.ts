import type { Finding } from '../../finding.js'
import { tokenRuns } from '../char-runs.js'
import { isPlaceholder } from '../placeholder.js'
import { type Recognizer, secretFinding } from '../recognizer.js'
import { minMatchLength } from './min-length.js'
import { TOKEN_RULES, type TokenRule } from './token-rules.js'

// Needles of three or more characters are found together in one pass over each run: a table of the
// first two characters of every needle says where one may start, and only there are the needles with
// that pair compared. (A regex alternation of all 150 needles cost more than the rest of the scan.)
// Rules whose needles are shorter (".", "|", "SK") are frequent in text anyway and always run.
const LONG_NEEDLES = [...new Set(TOKEN_RULES.flatMap((r) => r.needles).filter((n) => n.length >= 3))]
const pairOf = (a: number, b: number) => ((a & 0xff) << 8) | (b & 0xff)
const PAIRS = new Uint8Array(1 << 16)
const BY_PAIR = new Map<number, string[]>()
for (const n of LONG_NEEDLES) {
  const key = pairOf(n.charCodeAt(0), n.charCodeAt(1))
  PAIRS[key] = 1
  BY_PAIR.set(key, [...(BY_PAIR.get(key) ?? []), n])
}
const RULES_BY_NEEDLE = new Map<string, TokenRule[]>()
for (const r of TOKEN_RULES)
  for (const n of r.needles) RULES_BY_NEEDLE.set(n, [...(RULES_BY_NEEDLE.get(n) ?? []), r])
// A run shorter than a rule's shortest possible match cannot hold one: the rule is not run on it.
const MIN_LENGTH = new Map(TOKEN_RULES.map((r) => [r, minMatchLength(r.pattern.source)]))
const ALWAYS = TOKEN_RULES.filter((r) => r.needles.length === 0 || r.needles.some((n) => n.length < 3))

/** Provider tokens by prefix (AWS, GitLab, Slack, Stripe, OpenAI, Anthropic, Google, ...), placeholders dropped. */
export const prefixedTokenRecognizer: Recognizer = {
  entities: ['SECRET'],
  scan(text, context) {
    // Every provider token is a run of at least 16 token characters; prose words are shorter, so the
    // needle search and the rule regexes only ever see the runs.
    const out: Finding[] = []
    const runs = context?.tokenRuns ?? tokenRuns(text)
    for (let k = 0; k < runs.length; k += 2) scanRun(text.slice(runs[k], runs[k + 1]), runs[k]!, out)
    return out
  },
}

function scanRun(run: string, offset: number, out: Finding[]): void {
  // Every needle occurring anywhere in the run, overlapping ones ("sk-", "sk-ant-") included. The pair
  // table is keyed on the low bytes; the comparison with the needle itself is exact.
  const present = new Set<string>()
  for (let i = 0; i + 2 < run.length; i++) {
    const key = pairOf(run.charCodeAt(i), run.charCodeAt(i + 1))
    if (PAIRS[key] !== 1) continue
    for (const n of BY_PAIR.get(key)!) if (run.startsWith(n, i)) present.add(n)
  }
  const rules = new Set<TokenRule>()
  for (const n of present)
    for (const r of RULES_BY_NEEDLE.get(n) ?? []) if (run.length >= MIN_LENGTH.get(r)!) rules.add(r)
  for (const r of ALWAYS) {
    if (run.length < MIN_LENGTH.get(r)!) continue
    if (r.needles.length === 0 || r.needles.some((n) => run.includes(n))) rules.add(r)
  }
  for (const r of rules) {
    for (const m of r.before === undefined ? run.matchAll(r.pattern) : aroundNeedles(run, r)) {
      if (isWordChar(run.charCodeAt(m.index - 1)) || isPlaceholder(m[0])) continue
      if (r.check !== undefined && !r.check(m[0])) continue
      out.push(secretFinding(r.kind, offset + m.index, offset + m.index + m[0].length, r.score))
    }
  }
}

// Matches of an infix-anchored rule: a sticky copy of the regex is tried at each of the `before`
// positions ahead of every needle occurrence, so the work stays local to the needles (never a forward
// search through the rest of the text).
function* aroundNeedles(text: string, r: TokenRule): Generator<RegExpExecArray> {
  const sticky = stickyCopy(r.pattern)
  const before = r.before ?? 0
  for (const needle of r.needles) {
    // Start positions already tried (or inside a match) are never tried again, so a text made of
    // overlapping needles ("AAAA...") costs one attempt per position, not `before` per occurrence.
    let floor = 0
    for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) {
      const last = at - (r.minBefore ?? 0)
      for (let s = Math.max(floor, at - before); s <= last; s++) {
        floor = s + 1
        if (isWordChar(text.charCodeAt(s - 1))) continue
        sticky.lastIndex = s
        const m = sticky.exec(text)
        if (m === null) continue
        floor = m.index + m[0].length
        yield m
        break
      }
    }
  }
}

const STICKY = new WeakMap<RegExp, RegExp>()
function stickyCopy(pattern: RegExp): RegExp {
  let copy = STICKY.get(pattern)
  if (copy === undefined) {
    copy = new RegExp(pattern.source, 'y')
    STICKY.set(pattern, copy)
  }
  return copy
}

// [A-Za-z0-9_]: a token glued to a longer identifier is part of something else.
function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95
}
