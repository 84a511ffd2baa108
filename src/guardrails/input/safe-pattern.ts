import { setFlagsFromString } from 'node:v8'
import { WardenError } from '../../errors/warden-error.js'

/** A configured pattern compiled so that no input can make it run for long (ReDoS). */
export interface SafePattern {
  readonly name: string
  readonly source: string
  /** 'linear': V8's linear-time engine; 'checked': backtracking, after the structural check passed. */
  readonly engine: 'linear' | 'checked'
  /** First match in `text` as [start, end), or undefined. */
  match(text: string): [number, number] | undefined
}

let linearEnabled: boolean | undefined
const LINEAR_FLAG: string = 'l'

// V8 ships a linear-time (automaton) regexp engine behind a flag; patterns compiled with the `l` flag
// run in time linear in the input whatever their shape. It does not support `i`, `u`, lookaround or
// backreferences; patterns needing those fall back to the structural check below.
function enableLinear(): boolean {
  if (linearEnabled !== undefined) return linearEnabled
  try {
    setFlagsFromString('--enable-experimental-regexp-engine')
    // Built from a variable: a literal /a/l would not even parse where the engine is off.
    linearEnabled = new RegExp('a', LINEAR_FLAG).flags.includes(LINEAR_FLAG)
  } catch {
    linearEnabled = false
  }
  return linearEnabled
}

/** Longest text a checked (backtracking) pattern is run on, so even polynomial cases stay short. */
export const CHECKED_PATTERN_MAX_CHARS = 65_536

/**
 * Compiles a configured input pattern safely, or throws WardenError('UNSAFE_PATTERN'). Case-insensitive
 * patterns run on the linear engine over an ASCII-lower-cased copy of the input (same length, so
 * offsets hold). Patterns the linear engine refuses must pass `catastrophicReason` and run on at most
 * CHECKED_PATTERN_MAX_CHARS characters.
 *
 * @example
 * compileSafePattern('ignore.*previous.*instructions', 'i', 'seed-override').match('IGNORE previous instructions')
 */
export function compileSafePattern(source: string, flags = '', name = source): SafePattern {
  const bad = flags.replace(/[imsu]/g, '')
  if (bad !== '') throw new WardenError('UNSAFE_PATTERN', `pattern ${name}: unsupported flags "${bad}"`)
  const fold = flags.includes('i')
  if (enableLinear() && !flags.includes('u')) {
    try {
      const re = new RegExp(fold ? lowerLiterals(source) : source, `${flags.replace('i', '')}${LINEAR_FLAG}`)
      return { name, source, engine: 'linear', match: (text) => first(re, fold ? asciiLower(text) : text) }
    } catch {
      // Not expressible on the linear engine: checked below.
    }
  }
  let re: RegExp
  try {
    re = new RegExp(source, flags)
  } catch (error) {
    throw new WardenError('UNSAFE_PATTERN', `pattern ${name}: ${(error as Error).message}`)
  }
  const reason = catastrophicReason(source)
  if (reason !== undefined) throw new WardenError('UNSAFE_PATTERN', `pattern ${name}: ${reason}`)
  return {
    name,
    source,
    engine: 'checked',
    match: (text) => first(re, text.slice(0, CHECKED_PATTERN_MAX_CHARS)),
  }
}

function first(re: RegExp, text: string): [number, number] | undefined {
  const m = re.exec(text)
  return m === null ? undefined : [m.index, m.index + m[0].length]
}

function asciiLower(text: string): string {
  return text.replace(/[A-Z]+/g, (s) => s.toLowerCase())
}

// Lower-cases pattern letters that are not escapes (\S, \W, \B keep their case), for matching against
// lower-cased input.
function lowerLiterals(source: string): string {
  let out = ''
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!
    if (c === '\\') {
      out += c + (source[i + 1] ?? '')
      i++
    } else out += c.toLowerCase()
  }
  return out
}

interface Frame {
  quantified: boolean
  alternation: boolean
  firsts: string[]
  atStart: boolean
}

/**
 * Why a pattern can backtrack catastrophically, or undefined: a repeated group that itself contains a
 * repetition ((a+)+, (\w*x)*), a repeated alternation whose branches can start alike ((a|ab)*),
 * backreferences, or three or more unbounded repetitions (polynomial blow-up).
 */
export function catastrophicReason(source: string): string | undefined {
  if (/\\[1-9]|\\k</.test(source)) return 'backreferences can backtrack exponentially'
  const stack: Frame[] = [{ quantified: false, alternation: false, firsts: [], atStart: true }]
  let unbounded = 0
  let i = 0
  while (i < source.length) {
    const c = source[i]!
    const top = stack[stack.length - 1]!
    let atom = ''
    if (c === '\\') {
      atom = source.slice(i, i + 2)
      i += 2
    } else if (c === '[') {
      let j = i + 1
      if (source[j] === '^') j++
      if (source[j] === ']') j++
      while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1
      atom = source.slice(i, j + 1)
      i = j + 1
    } else if (c === '(') {
      stack.push({ quantified: false, alternation: false, firsts: [], atStart: true })
      i +=
        source[i + 1] === '?'
          ? (source[i + 2] === '<' && source[i + 3] !== '=' && source[i + 3] !== '!'
              ? source.indexOf('>', i) + 1
              : i + 3) - i
          : 1
      continue
    } else if (c === ')') {
      const frame = stack.length > 1 ? stack.pop()! : top
      i++
      const q = quantifier(source, i)
      if (q.repeats) {
        if (frame.quantified) return 'nested quantifier: a repeated group contains a repetition'
        if (frame.alternation && new Set(frame.firsts).size < frame.firsts.length)
          return 'ambiguous alternation under a repetition'
        if (frame.alternation && frame.firsts.some((f) => f.length > 1))
          return 'alternation of classes under a repetition'
      }
      if (q.repeats || frame.quantified) stack[stack.length - 1]!.quantified = true
      if (q.unbounded) unbounded++
      i += q.length
      continue
    } else if (c === '|') {
      top.alternation = true
      top.atStart = true
      i++
      continue
    } else {
      atom = c
      i++
    }
    if (top.atStart) {
      top.firsts.push(atom.length === 1 && atom !== '.' ? atom : `${atom}#`)
      top.atStart = false
    }
    const q = quantifier(source, i)
    if (q.repeats) top.quantified = true
    if (q.unbounded) unbounded++
    i += q.length
  }
  if (unbounded >= 3) return 'three or more unbounded repetitions (polynomial backtracking)'
  return undefined
}

function quantifier(source: string, i: number): { repeats: boolean; unbounded: boolean; length: number } {
  const c = source[i]
  let length = 0
  let repeats = false
  let unbounded = false
  if (c === '*' || c === '+') {
    repeats = true
    unbounded = true
    length = 1
  } else if (c === '?') length = 1
  else if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i, i + 24))
    if (m !== null) {
      length = m[0].length
      const max = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Number.POSITIVE_INFINITY : Number(m[3])
      repeats = max > 1
      unbounded = max === Number.POSITIVE_INFINITY
    }
  }
  if (length > 0 && source[i + length] === '?') length++
  return { repeats, unbounded, length }
}
