import type { Incident } from '../killswitch/incident.js'
import { type IncidentFilter, parseIncident } from '../killswitch/incident-store.js'

/**
 * The query behind IncidentStore.list for both SQL stores: newest first (so LIMIT keeps the most recent),
 * placeholders (`?` or `$n`) for every value. The caller reverses the rows for `oldest-first`.
 */
export function incidentListSql(
  filter: IncidentFilter,
  placeholder: (n: number) => string,
): { sql: string; params: unknown[] } {
  const clauses: string[] = []
  const params: unknown[] = []
  const add = (condition: string, value: unknown) => {
    params.push(value)
    clauses.push(condition.replace('?', placeholder(params.length)))
  }
  if (filter.agentId !== undefined) add('agent_id = ?', filter.agentId)
  if (filter.sinceMs !== undefined) add('at >= ?', filter.sinceMs)
  if (filter.untilMs !== undefined) add('at <= ?', filter.untilMs)
  const where = clauses.length === 0 ? '' : `WHERE ${clauses.join(' AND ')}`
  let limit = ''
  if (filter.limit !== undefined) {
    params.push(Math.max(0, Math.floor(filter.limit)))
    limit = `LIMIT ${placeholder(params.length)}`
  }
  return { sql: `SELECT body FROM incidents ${where} ORDER BY at DESC, seq DESC ${limit}`, params }
}

/** The rows of that query as incidents in the order the filter asks for; a row that does not parse is skipped. */
export function incidentsFromRows(rows: readonly { body: string }[], filter: IncidentFilter): Incident[] {
  const incidents = rows.map((r) => parseIncident(r.body)).filter((i) => i !== undefined)
  return filter.order === 'newest-first' ? incidents : incidents.reverse()
}
