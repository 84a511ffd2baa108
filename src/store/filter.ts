import type { AuditFilter, NewAuditRow } from './audit-store.js'

/** The in-memory reading of an AuditFilter (the SQL stores express the same conditions in WHERE). */
export function matchesFilter(row: NewAuditRow, f: AuditFilter): boolean {
  const i = row.index
  if (f.afterSeq !== undefined && row.seq <= f.afterSeq) return false
  if (f.agentId !== undefined && i.agentId !== f.agentId) return false
  if (f.sessionId !== undefined && i.sessionId !== f.sessionId) return false
  if (f.since !== undefined && i.timestamp < f.since) return false
  if (f.until !== undefined && i.timestamp > f.until) return false
  if (f.action !== undefined && i.action !== f.action) return false
  if (f.decision !== undefined && i.decision !== f.decision) return false
  if (f.risk !== undefined && i.risk !== f.risk) return false
  if (f.phase !== undefined && i.phase !== f.phase) return false
  if (f.actionId !== undefined && i.actionId !== f.actionId) return false
  if (f.text !== undefined && !row.body.includes(f.text)) return false
  return true
}
