import type { AuditFilter, AuditStore } from '../store/audit-store.js'
import { type AuditRecord, decodeRecord } from './record.js'

/** A record as queries return it: its leaf hash beside it, and for intents whether an outcome followed. */
export type QueriedRecord = AuditRecord & {
  readonly leafHash: string
  readonly status?: 'completed' | 'interrupted'
}

/**
 * Records matching `filter`. An intent with no outcome record for its action is `interrupted`: the
 * process died (or the store failed) between the two, so what the tool did is unknown.
 */
export async function queryRecords(audit: AuditStore, filter: AuditFilter): Promise<QueriedRecord[]> {
  const rows = await audit.query(filter)
  const out: QueriedRecord[] = []
  for (const row of rows) {
    const record = decodeRecord(row.body)
    if (record.phase !== 'intent') {
      out.push({ ...record, leafHash: row.leafHash })
      continue
    }
    const outcome = await audit.query({ actionId: record.actionId, phase: 'outcome', limit: 1 })
    out.push({ ...record, leafHash: row.leafHash, status: outcome.length > 0 ? 'completed' : 'interrupted' })
  }
  return out
}

/** Intents that never got an outcome: what a crash left unfinished. */
export async function interruptedIntents(audit: AuditStore): Promise<QueriedRecord[]> {
  return (await queryRecords(audit, { phase: 'intent' })).filter((r) => r.status === 'interrupted')
}
