import { type Document, isMap, isPair, isScalar, type LineCounter, type Node } from 'yaml'

export type ConfigPath = readonly PropertyKey[]

/**
 * Where a path of keys stands in the source, as `line:column` (1-based), for error messages that name
 * file, line and key. With `keyOf`, the position of that key inside the object at `path` (for unknown keys).
 */
export function locate(
  doc: Document,
  lines: LineCounter,
  path: ConfigPath,
  keyOf?: string,
): string | undefined {
  const at = nearestNode(doc, path)
  let offset: number | undefined = at?.range?.[0]
  if (keyOf !== undefined && at !== undefined && isMap(at)) {
    const pair = at.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === keyOf)
    const key = pair?.key as Node | undefined
    offset = key?.range?.[0] ?? offset
  }
  if (offset === undefined) return undefined
  const pos = lines.linePos(offset)
  return `${pos.line}:${pos.col}`
}

function nearestNode(doc: Document, path: ConfigPath): Node | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n) as unknown[], true) as Node | undefined
    if (node !== undefined && typeof node === 'object' && node !== null && 'range' in node) return node
  }
  return undefined
}

/** `agents.reporter.permissions.files.read[2]` */
export function formatPath(path: ConfigPath): string {
  let out = ''
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`
    else out += out === '' ? String(key) : `.${String(key)}`
  }
  return out === '' ? '(top level)' : out
}
