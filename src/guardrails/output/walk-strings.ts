/** Limits on a structured result walk; past them the walk stops and the result must be blocked. */
export interface WalkLimits {
  readonly maxDepth: number
  readonly maxNodes: number
}

export type WalkResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly reason: string }

// Keys whose string values are structure, not content: MCP block types, MIME types, URIs of resources.
const STRUCTURAL = new Set(['type', 'mimeType', 'uri'])
// Binary payloads (base64 images and audio) are not text: scanning them would only find noise.
const BINARY_TYPES = new Set(['image', 'audio'])

/**
 * A copy of `value` with `fn` applied to every string that carries content, depth first, with the
 * JSON path of each (`$.content[0].text`). Cycles, depth past `maxDepth` and more than `maxNodes` nodes
 * end the walk with a reason: what is not walked cannot be filtered.
 */
export function mapStrings(
  value: unknown,
  fn: (text: string, path: string) => string,
  limits: WalkLimits,
): WalkResult {
  let nodes = 0
  const seen = new Set<object>()
  let failure: string | undefined
  const visit = (v: unknown, path: string, depth: number): unknown => {
    if (failure !== undefined) return v
    if (++nodes > limits.maxNodes) {
      failure = `more than ${limits.maxNodes} nodes`
      return v
    }
    if (typeof v === 'string') return fn(v, path)
    if (v === null || typeof v !== 'object') return v
    if (depth >= limits.maxDepth) {
      failure = `nested deeper than ${limits.maxDepth} at ${path}`
      return v
    }
    if (seen.has(v)) {
      failure = `cycle at ${path}`
      return v
    }
    seen.add(v)
    let out: unknown
    if (Array.isArray(v)) out = v.map((item, i) => visit(item, `${path}[${i}]`, depth + 1))
    else {
      const record = v as Record<string, unknown>
      const binary = typeof record['type'] === 'string' && BINARY_TYPES.has(record['type'])
      const copy: Record<string, unknown> = {}
      for (const [k, member] of Object.entries(record)) {
        const skip = (STRUCTURAL.has(k) && typeof member === 'string') || (binary && k === 'data')
        copy[k] = skip ? member : visit(member, `${path}.${k}`, depth + 1)
      }
      out = copy
    }
    seen.delete(v)
    return out
  }
  const result = visit(value, '$', 0)
  return failure === undefined ? { ok: true, value: result } : { ok: false, reason: failure }
}
