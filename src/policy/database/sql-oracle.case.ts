import { parseSync } from 'libpg-query'

/**
 * An independent, naive reading of a statement for tests: every `relname` and every `funcname` anywhere
 * in the tree (no CTE scoping, no shape knowledge). Checks over-approximate with it: an allowed statement
 * must touch nothing outside the grant even by this reading.
 */
export function naiveReading(sql: string): {
  statements: number
  kinds: string[]
  relations: string[]
  functions: string[]
} {
  const stmts = parseSync(sql).stmts ?? []
  const relations: string[] = []
  const functions: string[] = []
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item)
      return
    }
    if (value === null || typeof value !== 'object') return
    const obj = value as Record<string, unknown>
    if (typeof obj.relname === 'string') {
      relations.push(
        [obj.catalogname, obj.schemaname, obj.relname].filter((p) => typeof p === 'string').join('.'),
      )
    }
    if (Array.isArray(obj.funcname)) {
      functions.push(
        obj.funcname.map((n) => (n as { String?: { sval?: string } }).String?.sval ?? '*').join('.'),
      )
    }
    for (const key of Object.keys(obj)) walk(obj[key])
  }
  walk(stmts)
  return {
    statements: stmts.length,
    kinds: stmts.map((s) => Object.keys(s.stmt ?? {})[0] ?? ''),
    relations,
    functions,
  }
}
