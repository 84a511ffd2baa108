import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, it } from 'vitest'
import { openStore } from './open-store.js'
import { dropCreatedSchemas, pgTestUrl } from './postgres/pg-test-url.js'
import { describeStoreContract } from './store-contract.js'

const dir = mkdtempSync(join(tmpdir(), 'warden-store-'))
let n = 0
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true })
  await dropCreatedSchemas()
})

describeStoreContract('memory', () => openStore('memory:'))
let sqliteUrl = ''
// As the gateway opens it: audit appends on the writer thread (sqlite-inline-contract.test.ts runs inline).
describeStoreContract(
  'sqlite, audit writer thread',
  () => {
    sqliteUrl = `sqlite:${join(dir, `s${n++}.db`)}`
    return openStore(sqliteUrl, { auditWriter: 'thread' })
  },
  () => openStore(sqliteUrl, { auditWriter: 'thread' }),
)

const pg = process.env.WARDEN_TEST_PG
if (pg === undefined) {
  console.warn('store contract: WARDEN_TEST_PG is not set; the PostgreSQL run is skipped')
  describe.skip('store contract: postgres (WARDEN_TEST_PG unset)', () => it('skipped', () => {}))
} else {
  let pgUrl = ''
  describeStoreContract(
    'postgres',
    async () => {
      pgUrl = await pgTestUrl(pg)
      return openStore(pgUrl)
    },
    () => openStore(pgUrl),
  )
}
