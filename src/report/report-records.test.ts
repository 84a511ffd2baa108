import { describe, expect, it } from 'vitest'
import { AuditLog } from '../audit/audit-log.js'
import { anEntry } from '../audit/test-entry.js'
import type { AuditStore } from '../store/audit-store.js'
import { openStore } from '../store/open-store.js'
import { windowRecords } from './report-records.js'

describe('windowRecords', () => {
  it('streams every record of the window, both ends inclusive, in seq order, a page at a time', async () => {
    const store = await openStore('memory:')
    const log = await AuditLog.open(store)
    for (let i = 0; i < 9; i++) {
      await log.append(anEntry({ actionId: `a${i}`, timestamp: new Date(Date.UTC(2026, 2, 1 + i)) }))
    }
    await log.close()
    const pages: number[] = []
    const audit: AuditStore = {
      ...store.audit,
      query: async (filter) => {
        const rows = await store.audit.query(filter)
        pages.push(rows.length)
        return rows
      },
    }
    const window = { since: '2026-03-02T00:00:00.000Z', until: '2026-03-08T00:00:00.000Z' }
    const seen: string[] = []
    for await (const record of windowRecords(audit, window, 2)) seen.push(record.actionId)
    expect(seen).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7'])
    expect(pages).toEqual([2, 2, 2, 1])
    await store.close()
  })
})
