const TABLE_REF = /\b(?:from|join|into|update|table)\s+("?[A-Za-z_][\w$]*"?(?:\."?[A-Za-z_][\w$]*"?)?)/gi
const MAX_TABLES = 8
const MAX_SQL_SCANNED = 4_096

/**
 * Table names a SQL text mentions (lower-case, quotes dropped), by a cheap scan: good enough to label
 * reads and learn habits; the database boundary parses SQL properly where it matters for permission.
 *
 * @example tablesOf('SELECT * FROM hr.salaries JOIN people') // ['hr.salaries', 'people']
 */
export function tablesOf(sql: string): string[] {
  const tables = new Set<string>()
  for (const m of sql.slice(0, MAX_SQL_SCANNED).matchAll(TABLE_REF)) {
    tables.add((m[1] ?? '').replaceAll('"', '').toLowerCase())
    if (tables.size >= MAX_TABLES) break
  }
  return [...tables]
}
