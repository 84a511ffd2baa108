import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { aService, evaluated, transfer } from '../test-service.js'
import { SqliteApprovalStore } from './sqlite-approval-store.js'

const dir = mkdtempSync(join(tmpdir(), 'warden-approvals-restart-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('approvals across a restart (SQLite)', () => {
  it('keeps a pending request: approved after reopening, the retry proceeds exactly once', async () => {
    const file = join(dir, 'warden.db')
    const db1 = new Database(file)
    const before = aService({ store: new SqliteApprovalStore(db1) })
    const held = await before.service.gate(transfer, evaluated('approve'))
    expect(held.proceed).toBe(false)
    db1.close()

    const db2 = new Database(file)
    const after = aService({ store: new SqliteApprovalStore(db2) })
    const pending = await after.service.list({ status: 'pending' })
    expect(pending.map((r) => r.id)).toEqual([held.proceed ? '' : held.approvalId])
    await after.service.decide(pending[0]?.id ?? '', 'alice', 'approve', 'ok after restart')
    const retries = await Promise.all([1, 2, 3].map(() => after.service.gate(transfer, evaluated('approve'))))
    expect(retries.filter((r) => r.proceed)).toHaveLength(1)
    db2.close()
  })
})
