/** Shannon entropy of a string in bits per character. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0
  // ASCII values (nearly all keys and tokens) are counted in a table; symbols are summed in order of
  // first appearance, the order the Map fallback uses, so both paths give the same bits.
  if (!NON_ASCII.test(value)) {
    const counts = ASCII_COUNTS.fill(0)
    const order: number[] = []
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i)
      const n = counts[c]!
      if (n === 0) order.push(c)
      counts[c] = n + 1
    }
    let bits = 0
    for (const c of order) {
      const p = counts[c]! / value.length
      bits -= p * Math.log2(p)
    }
    return bits
  }
  const counts = new Map<string, number>()
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1)
  let bits = 0
  for (const n of counts.values()) {
    const p = n / value.length
    bits -= p * Math.log2(p)
  }
  return bits
}

const NON_ASCII = /[^\x00-\x7f]/
const ASCII_COUNTS = new Int32Array(128)

// Documentation and test fixtures are full of tokens that look real but are not: "xxxx", "EXAMPLE",
// "your-api-key", masked "****", "...", or counting sequences. Reporting them would bury real leaks.
const PLACEHOLDER_WORDS =
  /x{5,}|X{5,}|\*{3,}|\.{3}|example|sample|dummy|placeholder|changeme|redacted|your[_-]?(?:api|key|token|secret|pass)|<[a-z_ -]+>|\$\{|\{\{/i

/**
 * True for values that are obviously not real credentials (placeholders, masks, repeats, and runs of
 * `sequence` counting characters such as 123456 or abcdef).
 */
export function isPlaceholder(value: string, sequence = 6): boolean {
  if (PLACEHOLDER_WORDS.test(value)) return true
  if (/(.)\1{7,}/.test(value)) return true
  return hasSequence(value, sequence)
}

// A run of `length` consecutive characters ascending or descending by one code unit ("12345678",
// "76543210", "abcdefgh").
function hasSequence(value: string, length: number): boolean {
  let up = 1
  let down = 1
  for (let i = 1; i < value.length; i++) {
    const d = value.charCodeAt(i) - value.charCodeAt(i - 1)
    up = d === 1 ? up + 1 : 1
    down = d === -1 ? down + 1 : 1
    if (up >= length || down >= length) return true
  }
  return false
}

/** Counts of character classes in a value: lower, upper, digit, other. */
export function charClasses(value: string): number {
  let n = 0
  if (/[a-z]/.test(value)) n++
  if (/[A-Z]/.test(value)) n++
  if (/[0-9]/.test(value)) n++
  if (/[^A-Za-z0-9]/.test(value)) n++
  return n
}
