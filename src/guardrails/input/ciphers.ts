// The two obfuscations that keep a text's length: leetspeak and ROT13. Views built with them share the
// normalised text's index map, so rule findings on them still point into the original.

// Digits and symbols read as letters in leetspeak, indexed by char code (0 = not leet).
const LEET = new Uint16Array(128)
for (const [from, to] of Object.entries({
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
  '!': 'i',
  '|': 'l',
})) {
  LEET[from.charCodeAt(0)] = to.charCodeAt(0)
}
const HAS_LEET = /[a-z][013457@$!|]|[013457@$!|][a-z]/

/**
 * Leetspeak undone ("1gn0r3 pr3v10us" → "ignore previous"), same length as the input so the index map
 * still holds. Only characters inside a word that also holds a letter are replaced, so "version 3.1"
 * and prices stay as they are. Returns the input itself when nothing changed.
 */
export function unleet(text: string): string {
  if (!HAS_LEET.test(text)) return text
  let out: Uint16Array | undefined
  const n = text.length
  let wordStart = 0
  let letters = 0
  let leets = 0
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 0x20
    if (c >= 0x61 && c <= 0x7a) letters++
    else if (c < 128 && LEET[c] !== 0) leets++
    else {
      // Any other character ends a word.
      if (letters > 0 && leets > 0 && i - wordStart <= 40) {
        if (out === undefined) {
          out = new Uint16Array(n)
          for (let k = 0; k < n; k++) out[k] = text.charCodeAt(k)
        }
        for (let j = wordStart; j < i; j++) {
          const r = LEET[out[j]!]
          if (r !== undefined && r !== 0 && out[j]! < 128) out[j] = r
        }
      }
      wordStart = i + 1
      letters = 0
      leets = 0
    }
  }
  if (out === undefined) return text
  let s = ''
  for (let i = 0; i < n; i += 8192)
    s += String.fromCharCode.apply(null, out.subarray(i, i + 8192) as unknown as number[])
  return s
}

/** ROT13 of the ASCII letters (same length), for instructions hidden by the simplest cipher. */
export function rot13(text: string): string {
  const out = new Uint16Array(text.length)
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    out[i] = c >= 0x61 && c <= 0x7a ? ((c - 0x61 + 13) % 26) + 0x61 : c
  }
  let s = ''
  for (let i = 0; i < out.length; i += 8192)
    s += String.fromCharCode.apply(null, out.subarray(i, i + 8192) as unknown as number[])
  return s
}

/** Words an encoded attack nearly always contains, as they read after ROT13: a cheap gate for that view. */
export const ROT13_TRIGGERS =
  /\b(?:vtaber|qvfertneq|sbetrg|vafgehpgvbaf?|flfgrz|cebzcg|cerivbhf|olcnff|bireevqr|cergraq|wnvyoernx|cnffjbeq)\b/

// Single letters joined by one separator: "i g n o r e", "i.g.n.o.r.e", "d-i-s-r-e-g-a-r-d". A text is
// read this way when it has a run of four or more; then runs of three ("a l l") are joined too.
const SPELLED_GATE = /\b[a-z]([ .\-_*])[a-z](?:\1[a-z]){2,}\b/
// Necessary for the gate and cheaper (no backreference, any case): most texts stop here.
const SPELLED_HINT = /\b[a-z][ .\-_*][a-z][ .\-_*][a-z][ .\-_*][a-z]\b/i
// One separator throughout a run (a backreference), so the spaces between hyphen-spelled words stay.
const SPELLED = /\b[a-z]([ .\-_*])[a-z](?:\1[a-z]){1,}\b/g
const SEPARATORS = /[ .\-_*]/g

/**
 * The view with letter-by-letter spellings joined into words ("i g n o r e   a l l" → "ignore   all"),
 * which hide trigger words from rules that read whole words. Read it from a view that keeps runs of
 * spaces (words are told apart by them). Returns `view` itself when there is no such spelling.
 */
export function joinSpelledOut(view: string): string {
  if (!SPELLED_GATE.test(view)) return view
  return view.replace(SPELLED, (m) => m.replace(SEPARATORS, ''))
}

/** True when `text` (any case) may hold a letter-by-letter spelling: a cheap test before lower-casing. */
export function maySpellOut(text: string): boolean {
  return SPELLED_HINT.test(text)
}
