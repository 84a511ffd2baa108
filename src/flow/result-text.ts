const MAX_CHARS = 262_144
const MAX_NODES = 10_000
const MAX_DEPTH = 32
// Keys whose values are structure, not content (MCP block types, MIME types).
const STRUCTURAL = new Set(['type', 'mimeType'])

/** The text of a result, and whether part of it sat deeper than the walk goes (so was not read). */
export interface ResultText {
  readonly text: string
  readonly tooDeep: boolean
}

/**
 * The text a tool result carries, joined by newlines, for labelling: every string value of a
 * JSON-like result (MCP `content[].text`, `structuredContent`), up to 256 KiB. Bounded in nodes and
 * depth, so a hostile result cannot make the walk expensive.
 */
export function resultText(result: unknown): ResultText {
  let tooDeep = false
  const parts: string[] = []
  let chars = 0
  let nodes = 0
  const stack: Array<[unknown, number]> = [[result, 0]]
  while (stack.length > 0 && chars < MAX_CHARS && nodes < MAX_NODES) {
    const [v, depth] = stack.pop() as [unknown, number]
    nodes++
    if (typeof v === 'string') {
      parts.push(v)
      chars += v.length
    } else if (typeof v === 'object' && v !== null && depth >= MAX_DEPTH) {
      tooDeep = true
    } else if (typeof v === 'object' && v !== null) {
      const entries = Array.isArray(v) ? v.map((x) => ['', x] as const) : Object.entries(v)
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, x] = entries[i] as readonly [string, unknown]
        if (!STRUCTURAL.has(k)) stack.push([x, depth + 1])
      }
    }
  }
  const text = parts.join('\n')
  return { text: text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text, tooDeep }
}
