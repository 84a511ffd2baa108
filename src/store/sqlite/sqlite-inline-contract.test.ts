import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'
import { describeStoreContract } from '../store-contract.js'
import { sqliteStore } from './sqlite-store.js'

// store-contract.test.ts runs SQLite files with the writer thread (as the gateway); this runs the inline default.
const dir = mkdtempSync(join(tmpdir(), 'warden-sqlite-inline-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
let n = 0
let path = ''
describeStoreContract(
  'sqlite, inline audit writer',
  async () => {
    path = join(dir, `s${n++}.db`)
    return sqliteStore(path, { auditWriter: 'inline' })
  },
  async () => sqliteStore(path, { auditWriter: 'inline' }),
)
describeStoreContract('sqlite :memory:', async () => sqliteStore(':memory:'))
