/**
 * The string values inside tool arguments (keys too: a key can carry text), depth-first, stopping at a
 * character budget so a huge or deeply nested argument costs bounded work. `truncated` says the budget ran out.
 */
export function collectStrings(value: unknown, maxChars: number): { texts: string[]; truncated: boolean } {
  const texts: string[] = []
  let used = 0
  const stack: unknown[] = [value]
  while (stack.length > 0) {
    const node = stack.pop()
    if (typeof node === 'string') {
      if (used + node.length > maxChars) {
        texts.push(node.slice(0, Math.max(0, maxChars - used)))
        return { texts, truncated: true }
      }
      texts.push(node)
      used += node.length
    } else if (typeof node === 'object' && node !== null) {
      const entries = Array.isArray(node) ? node : Object.entries(node).flat()
      for (let i = entries.length - 1; i >= 0; i--) stack.push(entries[i])
    }
  }
  return { texts, truncated: false }
}
