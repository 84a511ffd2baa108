import picomatch from 'picomatch'

/** Matches the segments of a canonical path (`'/a/b'` → `['a', 'b']`, `'/'` → `[]`). */
export type SegmentMatcher = (segments: readonly string[]) => boolean

type SegmentPattern =
  | { readonly globstar: true }
  | { readonly globstar: false; readonly test: (s: string) => boolean }

// `dot`: `*` and `**` cover dot files, as an operator granting a folder expects. `nonegate`: a leading `!`
// would turn an allow-list entry into "everything but". Never Windows: policy paths are POSIX.
const OPTIONS: picomatch.PicomatchOptions = {
  dot: true,
  nonegate: true,
  strictBrackets: true,
  windows: false,
}
const MAX_STARS_PER_SEGMENT = 2
// `*(…)` and `+(…)` compile to nested repetition, e.g. `+(a|aa)` → `(?:a|aa)+`: exponential backtracking.
const REPEATING_EXTGLOB = /[*+]\(/

/**
 * Compiles a canonical absolute glob into a matcher over path segments, or says why it is refused. Each
 * segment is compiled on its own with picomatch and `**` segments are matched by walking segment
 * positions, so one call costs at most (glob segments × path segments) single-segment tests. A whole-path
 * picomatch regex backtracks polynomially instead: `/data/**\/x/**\/y/**\/z` takes most of a second on a
 * crafted 4 KB path, `/data/*a*a*a*b` minutes, and a regex cannot be interrupted by the stage timeout.
 * For the same reason a segment may hold at most two `*`, and `*(…)`/`+(…)` extglobs are refused.
 *
 * @example compileSegmentGlob('/data/*\/reports/**') // matcher: ['data', 'acme', 'reports', 'q1.csv'] → true
 */
export function compileSegmentGlob(
  glob: string,
): { ok: true; match: SegmentMatcher } | { ok: false; why: string } {
  if (slashInsideGroup(glob))
    return { ok: false, why: 'a `/` inside braces, brackets or parentheses is not supported' }
  if (REPEATING_EXTGLOB.test(glob)) {
    return {
      ok: false,
      why: '`*(…)` and `+(…)` extglobs are refused (their matching can take exponential time)',
    }
  }
  const patterns: SegmentPattern[] = []
  for (const segment of splitSegments(glob)) {
    if (segment === '**') {
      // Consecutive globstars mean the same as one.
      if (patterns.at(-1)?.globstar !== true) patterns.push({ globstar: true })
      continue
    }
    if (countStars(segment) > MAX_STARS_PER_SEGMENT) {
      return {
        ok: false,
        why: `segment ${JSON.stringify(segment)} has more than ${MAX_STARS_PER_SEGMENT} \`*\``,
      }
    }
    if (!picomatch.scan(segment).isGlob) {
      patterns.push({ globstar: false, test: (s) => s === segment })
      continue
    }
    const re = picomatch.makeRe(segment, OPTIONS)
    patterns.push({ globstar: false, test: (s) => re.test(s) })
  }
  return { ok: true, match: (segments) => matchSegments(patterns, segments) }
}

/** The segments of a canonical absolute path or glob. */
export function splitSegments(path: string): string[] {
  return path === '/' ? [] : path.slice(1).split('/')
}

// Positions reachable in the path after each pattern; `**` reaches every position from the first
// reachable one on (zero or more whole segments).
function matchSegments(patterns: readonly SegmentPattern[], segments: readonly string[]): boolean {
  let reach = new Uint8Array(segments.length + 1)
  reach[0] = 1
  for (const pattern of patterns) {
    const next = new Uint8Array(segments.length + 1)
    let any = false
    if (pattern.globstar) {
      const first = reach.indexOf(1)
      if (first >= 0) next.fill(1, first)
      any = first >= 0
    } else {
      for (let j = 0; j < segments.length; j++) {
        if (reach[j] === 1 && pattern.test(segments[j] as string)) {
          next[j + 1] = 1
          any = true
        }
      }
    }
    if (!any) return false
    reach = next
  }
  return reach[segments.length] === 1
}

function countStars(segment: string): number {
  let n = 0
  for (const c of segment) if (c === '*') n++
  return n
}

function slashInsideGroup(glob: string): boolean {
  let depth = 0
  for (const c of glob) {
    if (c === '{' || c === '[' || c === '(') depth++
    else if ((c === '}' || c === ']' || c === ')') && depth > 0) depth--
    else if (c === '/' && depth > 0) return true
  }
  return false
}
