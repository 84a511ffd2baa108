import { CONFUSABLES } from './confusables.js'

/** A detection view of a text: lower-case skeleton plus, per character, its index in the original. */
export interface NormalizedText {
  readonly text: string
  /** `map[i]` is the original index of `text[i]`; `map[text.length]` is the original length. */
  readonly map: Int32Array
  /** True when anything beyond lower-casing changed (invisible characters, homoglyphs, markup). */
  readonly changed: boolean
  /** Count of invisible characters removed (zero-width, bidi controls, tag characters). */
  readonly invisible: number
  /** ASCII smuggled in Unicode tag characters (U+E0020..U+E007E), decoded; '' when none. */
  readonly tagText: string
}

// Invisible characters attackers use to split trigger words ("ig\u200Bnore") or reorder what a
// reviewer sees (Trojan Source, CVE-2021-42574): zero-width, bidi controls, soft hyphen, BOM.
function isInvisible(cp: number): boolean {
  return (
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x2064) ||
    (cp >= 0x2066 && cp <= 0x2069) ||
    cp === 0xfeff ||
    cp === 0x00ad ||
    cp === 0x180e ||
    cp === 0x034f ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0xe0100 && cp <= 0xe01ef)
  )
}

const foldCache = new Map<number, string>()

// One code point to its skeleton: NFKC (fullwidth and mathematical letters to ASCII), accents
// stripped from Latin letters, Cyrillic/Greek look-alikes to Latin (UTS #39 confusables, abridged).
function fold(cp: number): string {
  const cached = foldCache.get(cp)
  if (cached !== undefined) return cached
  let s = String.fromCodePoint(cp).normalize('NFKC').toLowerCase()
  if (/[^\x00-\x7f]/.test(s)) {
    const stripped = s.normalize('NFD').replace(/\p{M}+/gu, '')
    if (stripped.length > 0 && /^[\x00-\x7f]+$/.test(stripped)) s = stripped
  }
  let out = ''
  for (const ch of s) out += CONFUSABLES[ch] ?? ch
  if (foldCache.size < 65_536) foldCache.set(cp, out)
  return out
}

/**
 * The detection view of `text`: lower-cased NFKC skeleton with invisible characters, combining marks
 * and HTML tags removed, Markdown emphasis dropped and runs of spaces collapsed, with an index map back
 * to the original so findings point at what the user sent. Lone surrogates become spaces.
 */
export function normalizeForDetection(text: string): NormalizedText {
  const out = new Buffer16(text.length)
  let changed = false
  let invisible = 0
  let tagText = ''
  let lastSpace = true
  const n = text.length
  let i = 0
  while (i < n) {
    const c = text.charCodeAt(i)
    // ASCII fast path: lower-case letters, collapse spaces, drop emphasis, skip tags.
    if (c < 0x80) {
      if (c === 0x3c /* < */ && i + 1 < n) {
        let end = tagEnd(text, i)
        if (end > 0) {
          changed = true
          // A run of inline tags inside a word ("ig<b></b>nore") joins it; block tags separate words.
          let inline = isInlineTag(text, i)
          for (let next = tagEnd(text, end); next > 0 && next - i < 4096; next = tagEnd(text, end)) {
            inline &&= isInlineTag(text, end)
            end = next
          }
          if (!lastSpace && !(inline && isAlnum(text.charCodeAt(end)))) {
            out.push(0x20, i)
            lastSpace = true
          }
          i = end
          continue
        }
      }
      if (c === 0x2a /* * */ || c === 0x7e /* ~ */ || c === 0x60 /* ` */) {
        i++
        continue
      }
      let ch: number
      if (c === 0x0a) ch = 0x0a
      else if (c <= 0x20 || c === 0x5f /* _ */ || c === 0x7f) ch = 0x20
      else if (c >= 0x41 && c <= 0x5a) ch = c + 32
      else ch = c
      if (ch === 0x20 && lastSpace) {
        i++
        continue
      }
      out.push(ch, i)
      lastSpace = ch === 0x20 || ch === 0x0a
      i++
      continue
    }
    const cp = text.codePointAt(i)!
    const width = cp > 0xffff ? 2 : 1
    if (cp >= 0xd800 && cp <= 0xdfff) {
      // A lone surrogate: not text; keep the position, never the code unit.
      changed = true
      if (!lastSpace) {
        out.push(0x20, i)
        lastSpace = true
      }
      i += width
      continue
    }
    if (cp >= 0xe0000 && cp <= 0xe007f) {
      // Unicode tag characters carry invisible ASCII ("ASCII smuggling"): decode them aside.
      invisible++
      changed = true
      if (cp >= 0xe0020 && cp <= 0xe007e && tagText.length < 65_536)
        tagText += String.fromCharCode(cp - 0xe0000)
      i += width
      continue
    }
    if (isInvisible(cp) || (cp >= 0x300 && cp <= 0x36f)) {
      invisible++
      changed = true
      i += width
      continue
    }
    const folded = fold(cp)
    if (folded !== String.fromCodePoint(cp).toLowerCase()) changed = true
    for (let k = 0; k < folded.length; k++) {
      const f = folded.charCodeAt(k)
      const isSpace = f === 0x20 || f === 0x0a || folded[k]!.trim() === ''
      if (isSpace && lastSpace) continue
      out.push(isSpace && f !== 0x0a ? 0x20 : f, i)
      lastSpace = isSpace
    }
    i += width
  }
  return { text: out.text(), map: out.indexMap(n), changed, invisible, tagText }
}

// Growable UTF-16 output with a parallel index map; far cheaper than arrays of one-character strings.
class Buffer16 {
  private chars: Uint16Array
  private map: Int32Array
  private n = 0

  constructor(hint: number) {
    this.chars = new Uint16Array(hint + 16)
    this.map = new Int32Array(hint + 17)
  }

  push(ch: number, at: number): void {
    if (this.n === this.chars.length) {
      const chars = new Uint16Array(this.chars.length * 2)
      chars.set(this.chars)
      this.chars = chars
      const map = new Int32Array(this.map.length * 2)
      map.set(this.map)
      this.map = map
    }
    this.chars[this.n] = ch
    this.map[this.n++] = at
  }

  text(): string {
    let s = ''
    for (let i = 0; i < this.n; i += 8192) {
      s += String.fromCharCode.apply(
        null,
        this.chars.subarray(i, Math.min(this.n, i + 8192)) as unknown as number[],
      )
    }
    return s
  }

  indexMap(end: number): Int32Array {
    const out = this.map.slice(0, this.n + 1)
    out[this.n] = end
    return out
  }
}

// The end (exclusive) of an HTML/XML tag or comment starting at `i`, or 0 when `<` is just a character.
// Bounded look-ahead so a stray '<' never makes the scan quadratic.
function tagEnd(text: string, i: number): number {
  const next = text.charCodeAt(i + 1)
  const isAlpha = (next | 0x20) >= 0x61 && (next | 0x20) <= 0x7a
  if (!isAlpha && next !== 0x2f /* / */) return 0
  const limit = Math.min(text.length, i + 200)
  for (let j = i + 2; j < limit; j++) {
    const c = text.charCodeAt(j)
    if (c === 0x3e) return j + 1
    if (c === 0x3c || c === 0x0a) return 0
  }
  return 0
}

const INLINE_TAGS = new Set([
  'a',
  'b',
  'i',
  'u',
  's',
  'em',
  'strong',
  'span',
  'code',
  'sub',
  'sup',
  'small',
  'mark',
  'del',
  'ins',
  'font',
  'tt',
  'kbd',
  'wbr',
  'abbr',
])

function isInlineTag(text: string, i: number): boolean {
  const m = /^<\/?([a-z]+)/i.exec(text.slice(i, i + 12))
  return m !== null && INLINE_TAGS.has(m[1]!.toLowerCase())
}

function isAlnum(c: number): boolean {
  return ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || (c >= 0x30 && c <= 0x39)
}
