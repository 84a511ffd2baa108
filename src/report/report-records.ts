import { type AuditRecord, decodeRecord } from '../audit/record.js'
import type { AuditStore } from '../store/audit-store.js'
import { REPORT_DEFAULTS, type ReportWindow } from './report-window.js'

/**
 * The records of a window, in seq order, read page by page with the store's query (so a million-row log
 * never sits in memory). A body that does not parse is skipped here: verify, which every report runs,
 * names it as damage.
 *
 * @example for await (const record of windowRecords(store.audit, window)) tally(record)
 */
export async function* windowRecords(
  audit: AuditStore,
  window: ReportWindow,
  pageSize: number = REPORT_DEFAULTS.pageSize,
): AsyncGenerator<AuditRecord> {
  let afterSeq = -1
  for (;;) {
    const rows = await audit.query({ since: window.since, until: window.until, afterSeq, limit: pageSize })
    for (const row of rows) {
      afterSeq = row.seq
      const record = recordOf(row.body)
      if (record !== undefined) yield record
    }
    if (rows.length < pageSize) return
  }
}

/** A stored body as a record, or undefined when it does not parse as one (verify names such a body as damage). */
export function recordOf(body: string): AuditRecord | undefined {
  try {
    const record = decodeRecord(body)
    return typeof record === 'object' && record !== null && typeof record.agentId === 'string'
      ? record
      : undefined
  } catch {
    return undefined
  }
}
