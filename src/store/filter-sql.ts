import type { AuditFilter } from './audit-store.js'

const COLUMNS: readonly [keyof AuditFilter, string, string][] = [
  ['afterSeq', 'seq', '>'],
  ['agentId', 'agent_id', '='],
  ['sessionId', 'session_id', '='],
  ['since', 'ts', '>='],
  ['until', 'ts', '<='],
  ['action', 'action', '='],
  ['decision', 'decision', '='],
  ['risk', 'risk', '='],
  ['phase', 'phase', '='],
  ['actionId', 'action_id', '='],
]

/** The WHERE clause of an AuditFilter, with placeholders (`?` or `$n`) so no value is spliced into SQL. */
export function filterSql(
  filter: AuditFilter,
  placeholder: (n: number) => string,
  textCondition: string,
): { where: string; params: unknown[] } {
  const clauses: string[] = []
  const params: unknown[] = []
  for (const [key, column, op] of COLUMNS) {
    const value = filter[key]
    if (value === undefined) continue
    params.push(value)
    clauses.push(`${column} ${op} ${placeholder(params.length)}`)
  }
  if (filter.text !== undefined) {
    params.push(filter.text)
    clauses.push(textCondition.replace('?', placeholder(params.length)))
  }
  return { where: clauses.length === 0 ? '' : `WHERE ${clauses.join(' AND ')}`, params }
}
