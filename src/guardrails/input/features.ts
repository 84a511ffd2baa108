/**
 * Hashed n-gram features shared by the classifier and its training script (scripts/train-injection.ts),
 * so both see exactly the same numbers. Input is the normalised detection view (lower-case skeleton).
 * Features: character 4-grams, word unigrams and word bigrams, hashed into 2^FEATURE_BITS buckets.
 */
export const FEATURE_BITS = 18
export const FEATURE_MASK = (1 << FEATURE_BITS) - 1

/** Longest segment, in characters: an injected sentence stays one unit, a long table row is cut. */
export const MAX_SEGMENT_CHARS = 320

// MurmurHash3's 32-bit finaliser: spreads FNV and n-gram mixes over all bits before masking.
function fmix(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

function isWordChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x27 || c > 0x7f
}

/**
 * Where a text comes from decides what is suspicious in it: a request to "write a story" is a normal user
 * prompt but an injection inside an email a tool returned. The two sources hash into disjoint-by-salt
 * features, so one weight file holds two models.
 */
export type TextSource = 'user' | 'tool'
export const SOURCE_SALT: Readonly<Record<TextSource, number>> = Object.freeze({ user: 0, tool: 0x6a09e667 })

/**
 * Whether a segment carries enough words to be judged on its own (a rule of dashes or a table border
 * says nothing; it is still scored as part of its neighbours and the whole).
 */
export function isWordy(text: string, start: number, end: number): boolean {
  let letters = 0
  for (let i = start; i < end && letters < 12; i++) {
    const c = text.charCodeAt(i)
    if ((c >= 0x61 && c <= 0x7a) || c > 0x7f) letters++
  }
  return letters >= 12
}

/** Upper bound of features `segmentFeatures` writes for `length` characters. */
export function featureCapacity(length: number): number {
  return length * 3 + 8
}

/**
 * Writes the feature indices of `text[start, end)` into `out` (sized by `featureCapacity`) and returns
 * how many. Repeated features are kept (counts, not sets): cheaper, and the model was trained so.
 */
export function segmentFeatures(text: string, start: number, end: number, out: Int32Array, salt = 0): number {
  let n = 0
  let c0 = 0x20
  let c1 = 0x20
  let c2 = 0x20
  let word = 0x811c9dc5
  let inWord = false
  let prevWord = 0
  for (let i = start; i <= end; i++) {
    const c = i < end ? text.charCodeAt(i) : 0x20
    // Character 4-gram ending here (spaces at the edges, so word starts and ends are features too).
    // Runs of one character (table rules, "-----") would outweigh every word by their count: skipped.
    if (c !== c0 || c !== c1 || c !== c2) {
      const g = Math.imul(Math.imul(Math.imul(c0, 0x01000193) ^ c1, 0x01000193) ^ c2, 0x01000193) ^ c
      out[n++] = fmix(g ^ 0x5bd1e995 ^ salt) & FEATURE_MASK
    }
    c0 = c1
    c1 = c2
    c2 = c
    if (isWordChar(c)) {
      word = Math.imul(word ^ c, 0x01000193)
      inWord = true
    } else if (inWord) {
      out[n++] = fmix(word ^ 0x1b873593 ^ salt) & FEATURE_MASK
      out[n++] = fmix(Math.imul(prevWord, 0x9e3779b1) ^ word ^ 0x27d4eb2f ^ salt) & FEATURE_MASK
      prevWord = word
      word = 0x811c9dc5
      inWord = false
    }
  }
  return n
}

/**
 * Cuts the detection view into segments `[start, end)` (pairs in a flat array): lines, and lines longer
 * than MAX_SEGMENT_CHARS at sentence ends, so one planted sentence in a long document is scored on its
 * own instead of being averaged away.
 */
export function segmentText(text: string): number[] {
  const bounds: number[] = []
  let lineStart = 0
  const n = text.length
  for (let i = 0; i <= n; i++) {
    if (i < n && text.charCodeAt(i) !== 0x0a) continue
    let s = lineStart
    while (i - s > MAX_SEGMENT_CHARS) {
      let cut = -1
      for (let j = s + MAX_SEGMENT_CHARS; j > s + 40; j--) {
        const c = text.charCodeAt(j - 1)
        if ((c === 0x2e || c === 0x3f || c === 0x21) && text.charCodeAt(j) === 0x20) {
          cut = j
          break
        }
      }
      if (cut < 0) cut = s + MAX_SEGMENT_CHARS
      pushSegment(text, s, cut, bounds)
      s = cut
    }
    pushSegment(text, s, i, bounds)
    lineStart = i + 1
  }
  return bounds
}

function pushSegment(text: string, start: number, end: number, bounds: number[]): void {
  while (start < end && text.charCodeAt(start) === 0x20) start++
  while (end > start && text.charCodeAt(end - 1) === 0x20) end--
  if (end - start >= 2) bounds.push(start, end)
}
