import type { Finding } from '../../finding.js'
import { tokenRuns } from '../char-runs.js'
import { isPlaceholder } from '../placeholder.js'
import { type Recognizer, secretFinding } from '../recognizer.js'
import { TOKEN_RULES, type TokenRule } from './token-rules.js'

// Needles of three or more characters are found together in one pass of one alternation; rules
// whose needles are shorter (".", "|", "SK") are frequent in text anyway and always run.
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const LONG_NEEDLES = [...new Set(TOKEN_RULES.flatMap((r) => r.needles).filter((n) => n.length >= 3))]
const NEEDLE_SCAN = new RegExp(LONG_NEEDLES.map(escapeRegExp).join('|'), 'g')
const BY_FIRST = new Map<string, string[]>()
for (const n of LONG_NEEDLES) BY_FIRST.set(n[0]!, [...(BY_FIRST.get(n[0]!) ?? []), n])
const RULES_BY_NEEDLE = new Map<string, TokenRule[]>()
for (const r of TOKEN_RULES)
  for (const n of r.needles) RULES_BY_NEEDLE.set(n, [...(RULES_BY_NEEDLE.get(n) ?? []), r])
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
  // Each hit is only a position: every needle starting there is recorded, and the scan resumes one
  // character later, so needles that share a prefix ("sk-", "sk-ant-") or overlap are all seen.
  const present = new Set<string>()
  NEEDLE_SCAN.lastIndex = 0
  for (let m = NEEDLE_SCAN.exec(run); m !== null; m = NEEDLE_SCAN.exec(run)) {
    for (const n of BY_FIRST.get(m[0][0]!) ?? []) if (run.startsWith(n, m.index)) present.add(n)
    NEEDLE_SCAN.lastIndex = m.index + 1
  }
  const rules = new Set<TokenRule>()
  for (const n of present) for (const r of RULES_BY_NEEDLE.get(n) ?? []) rules.add(r)
  for (const r of ALWAYS) if (r.needles.length === 0 || r.needles.some((n) => run.includes(n))) rules.add(r)
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
