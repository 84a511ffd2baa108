import { asciiClass, forEachRun } from './char-runs.js'

/**
 * Spans of text that could hold a telephone or card number: chains of at least six digits joined by
 * at most four of space, `.`, `-`, `(`, `)`, `+` (a number's groups are never further apart), with how
 * many digits each holds. Found once per scan (see `ScanContext`): the skip-ahead run scan finds the
 * runs of digits and joiners, and one regex reads only those; the number recognisers then try their
 * own regexes only at the digit runs of these spans, instead of a lookbehind at every position.
 */
export interface NumberSpans {
  readonly starts: Int32Array
  readonly ends: Int32Array
  readonly digits: Int32Array
  readonly count: number
}

// Bounded joiner runs keep the backtracking per start position constant: linear in the text.
const CHAIN = /\d(?:[ .()+-]{0,4}\d){5,}/g
const CHAIN_CHARS = asciiClass('0-9 .()+-')

/** The digit chains of `text` (see `NumberSpans`); the fewest digits a chain holds is six. */
export function numberSpans(text: string): NumberSpans {
  let cap = 64
  let starts: Int32Array = new Int32Array(cap)
  let ends: Int32Array = new Int32Array(cap)
  let digits: Int32Array = new Int32Array(cap)
  let count = 0
  // A chain lies inside a run of digits and joiners at least six long: the skip-ahead run scan steps
  // over prose, and the chain regex reads only those runs.
  forEachRun(text, CHAIN_CHARS, 6, (runStart, runEnd) => {
    const run = text.slice(runStart, runEnd)
    CHAIN.lastIndex = 0
    for (let m = CHAIN.exec(run); m !== null; m = CHAIN.exec(run)) {
      if (count === cap) {
        cap *= 2
        starts = grow(starts, cap)
        ends = grow(ends, cap)
        digits = grow(digits, cap)
      }
      const chain = m[0]
      let d = 0
      for (let i = 0; i < chain.length; i++) {
        const c = chain.charCodeAt(i)
        if (c >= 48 && c <= 57) d++
      }
      starts[count] = runStart + m.index
      ends[count] = runStart + m.index + chain.length
      digits[count] = d
      count++
    }
  })
  return { starts, ends, digits, count }
}

function grow(a: Int32Array, cap: number): Int32Array {
  const b = new Int32Array(cap)
  b.set(a)
  return b
}

/** A sticky copy of a global regex, to try it at chosen positions only. */
export function sticky(pattern: RegExp): RegExp {
  return new RegExp(pattern.source, `${pattern.flags.replace('g', '')}y`)
}

/**
 * The matches `re` (sticky) finds when tried at `start(text, i)` for every digit run i of every span
 * holding at least `minDigits` (six or more) digits, in order, never inside an earlier match. For a regex whose every
 * match starts at a digit run (or at the `+`/`(` returned by `start`) and lies in one span, these are
 * the matches a global search would find among spans with that many digits.
 */
export function* matchesInSpans(
  text: string,
  spans: NumberSpans,
  minDigits: number,
  re: RegExp,
  start: (text: string, digitRun: number) => number = (_, i) => i,
): Generator<RegExpExecArray> {
  let floor = 0
  for (let k = 0; k < spans.count; k++) {
    if (spans.digits[k]! < minDigits) continue
    const end = spans.ends[k]!
    for (let i = spans.starts[k]!; i < end; i++) {
      const c = text.charCodeAt(i)
      if (c < 48 || c > 57) continue
      const p = text.charCodeAt(i - 1)
      if (p >= 48 && p <= 57) continue
      const at = start(text, i)
      if (at < floor) continue
      re.lastIndex = at
      const m = re.exec(text)
      if (m === null) continue
      floor = m.index + m[0].length
      yield m
    }
  }
}
