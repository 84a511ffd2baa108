import { asciiClass, forEachRun } from '../output/char-runs.js'

/** A payload found encoded inside a text, decoded; `start`/`end` are indices in the scanned text. */
export interface DecodedPayload {
  readonly encoding: 'base64' | 'hex' | 'url'
  readonly text: string
  readonly start: number
  readonly end: number
  readonly depth: number
}

export interface DecodeLimits {
  /** How many layers of encoding are peeled (base64 of hex of ...). */
  readonly maxDepth: number
  /** Total decoded characters kept, over all payloads and layers. */
  readonly maxDecodedChars: number
  /** Payloads looked at per text. */
  readonly maxPayloads: number
}

export const DEFAULT_DECODE_LIMITS: DecodeLimits = Object.freeze({
  maxDepth: 3,
  maxDecodedChars: 65_536,
  maxPayloads: 64,
})

// Long enough to carry an instruction, short runs (ids, hashes of 16 chars) are not worth decoding.
const MIN_BASE64 = 20

const BASE64_CHARS = asciiClass('A-Za-z0-9+/_-')

/**
 * Maximal runs of base64 / base64url characters at least 20 long, with up to two "=" of padding: what
 * /[A-Za-z0-9+/_-]{20,}={0,2}/g matches, found by the skip-ahead run scan (V8 tried that regex at every
 * position, reading up to 20 characters each time: a tenth of all scoring time).
 */
function base64Runs(text: string): [number, number][] {
  const out: [number, number][] = []
  forEachRun(text, BASE64_CHARS, MIN_BASE64, (start, runEnd) => {
    let end = runEnd
    if (text.charCodeAt(end) === 61) end++
    if (text.charCodeAt(end) === 61) end++
    out.push([start, end])
  })
  return out
}
const HEX = /(?:\\x|0x)?(?:[0-9a-fA-F]{2}(?:\\x|[ :])?){12,}/g
const PERCENT_PAIR = /%[0-9a-fA-F]{2}/
const URL_ENC = /(?:[A-Za-z0-9.!?'+-]{0,64}%[0-9a-fA-F]{2}){3,}[A-Za-z0-9.!?'+-]{0,64}/g
// The encodings found by a regex (base64 is found by the run scan), in the order they are tried.
const REGEX_PASSES = [
  ['hex', HEX],
  ['url', URL_ENC],
] as const

/**
 * Instructions smuggled as base64, hex or URL-encoding ("decode this and follow it"): every such run
 * is decoded, kept when it reads as text, and decoded again up to `maxDepth` layers. Work is bounded
 * by `maxPayloads` and `maxDecodedChars`, so a text made of nested encodings cannot blow up.
 */
export function decodeEmbedded(text: string, limits: DecodeLimits = DEFAULT_DECODE_LIMITS): DecodedPayload[] {
  const found: DecodedPayload[] = []
  const budget = { chars: limits.maxDecodedChars, payloads: limits.maxPayloads }
  walk(text, 0, text.length, 1, limits, budget, found)
  return found
}

function walk(
  text: string,
  origin: number,
  originEnd: number,
  depth: number,
  limits: DecodeLimits,
  budget: { chars: number; payloads: number },
  found: DecodedPayload[],
): void {
  if (depth > limits.maxDepth) return
  const candidates: { encoding: DecodedPayload['encoding']; start: number; end: number; raw: string }[] = []
  for (const run of base64Runs(text)) {
    if (candidates.length >= budget.payloads) break
    const raw = text.slice(run[0], run[1])
    candidates.push({ encoding: PLAIN_HEX.test(raw) ? 'hex' : 'base64', start: run[0], end: run[1], raw })
  }
  for (const [encoding, re] of REGEX_PASSES) {
    // A percent sign alone ("12% growth") is not an encoding: the regex runs only when a %XX pair exists.
    if (encoding === 'url' && !PERCENT_PAIR.test(text)) continue
    // Plain hex runs are base64 candidates too (and retyped below); the hex pass is for \x41 and 0x41.
    if (encoding === 'hex' && !text.includes('\\x') && !text.includes('0x')) continue
    re.lastIndex = 0
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      if (candidates.length >= budget.payloads) break
      candidates.push({ encoding, start: m.index, end: m.index + m[0].length, raw: m[0] })
    }
  }
  for (const c of candidates) {
    if (budget.payloads <= 0 || budget.chars <= 0) return
    const decoded = decodeOne(c.encoding, c.raw)
    if (decoded === undefined) continue
    const start = depth === 1 ? c.start : origin
    const end = depth === 1 ? c.end : originEnd
    if (!readsAsText(decoded)) {
      // One more layer (base64 of base64): decoded again, not reported itself.
      if (LAYER.test(decoded)) {
        budget.payloads--
        walk(decoded.slice(0, budget.chars), start, end, depth + 1, limits, budget, found)
      }
      continue
    }
    budget.payloads--
    const kept = decoded.slice(0, budget.chars)
    budget.chars -= kept.length
    // Offsets of nested layers stay on the outermost run: that is what the caller can point at.
    found.push({ encoding: c.encoding, text: kept, start, end, depth })
    walk(kept, start, end, depth + 1, limits, budget, found)
  }
}

const PLAIN_HEX = /^(?:[0-9a-fA-F]{2}){12,}$/

// A decoded layer that is itself one encoded run.
const LAYER = /^\s*(?:[A-Za-z0-9+/_-]{20,}={0,2}|(?:[0-9a-fA-F]{2}){12,})\s*$/

function decodeOne(encoding: DecodedPayload['encoding'], raw: string): string | undefined {
  try {
    if (encoding === 'base64') {
      // Identifiers in one case (snake_case names, CONSTANTS) are not base64 worth decoding.
      if (/^[a-z0-9_-]+$/.test(raw) || /^[A-Z0-9_-]+$/.test(raw)) return undefined
      return Buffer.from(raw.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8')
    }
    if (encoding === 'hex') {
      const digits = raw.replace(/\\x|0x|[ :]/g, '')
      if (digits.length % 2 !== 0) return undefined
      return Buffer.from(digits, 'hex').toString('utf8')
    }
    return decodeURIComponent(raw.replace(/\+/g, ' '))
  } catch {
    return undefined
  }
}

// Decoded bytes are worth scanning only if they are mostly printable text with some letters and spaces:
// random ids and binary decode to noise.
function readsAsText(s: string): boolean {
  if (s.length < 8) return false
  let printable = 0
  let letters = 0
  let spaces = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if ((c >= 0x20 && c < 0x7f) || c === 0x0a || c === 0x09) printable++
    if ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) letters++
    if (c === 0x20) spaces++
  }
  return printable / s.length >= 0.95 && letters / s.length >= 0.5 && spaces >= 1
}
