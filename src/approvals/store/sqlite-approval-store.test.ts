import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll } from 'vitest'
import { runApprovalStoreContract } from '../approval-store.contract.js'
import { SqliteApprovalStore } from './sqlite-approval-store.js'

const dir = mkdtempSync(join(tmpdir(), 'warden-approvals-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
let n = 0

runApprovalStoreContract('SqliteApprovalStore', async () => {
  const db = new Database(join(dir, `a${n++}.db`))
  return { store: new SqliteApprovalStore(db), close: async () => void db.close() }
})
