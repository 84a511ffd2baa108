import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { openStore } from '../open-store.js'
import { aRow } from '../store-contract.js'
import { dropCreatedSchemas, pgTestUrl } from './pg-test-url.js'

const base = process.env.WARDEN_TEST_PG
if (base === undefined) console.warn('postgresStore: WARDEN_TEST_PG is not set; PostgreSQL tests are skipped')
afterAll(dropCreatedSchemas)

describe.skipIf(base === undefined)('postgresStore', () => {
  it('refuses UPDATE, DELETE and TRUNCATE of audit rows (triggers)', async () => {
    const url = await pgTestUrl(base as string)
    const store = await openStore(url)
    await store.audit.append(() => [aRow(0), aRow(1)])
    await store.close()
    const schema = new URL(url).searchParams.get('schema')
    const client = new pg.Client({ connectionString: base, options: `-c search_path=${schema}` })
    await client.connect()
    try {
      await expect(client.query("UPDATE audit_records SET body = 'x'")).rejects.toThrow(/append-only/)
      await expect(client.query('DELETE FROM audit_records')).rejects.toThrow(/append-only/)
      await expect(client.query('TRUNCATE audit_records')).rejects.toThrow(/append-only/)
      await expect(client.query('TRUNCATE audit_checkpoints')).rejects.toThrow(/append-only/)
      const n = await client.query('SELECT count(*)::int AS n FROM audit_records')
      expect(n.rows[0].n).toBe(2)
      const grants = await client.query(
        `SELECT privilege_type FROM information_schema.role_table_grants
         WHERE grantee = 'warden_audit_writer' AND table_schema = $1 AND table_name = 'audit_records' ORDER BY 1`,
        [schema],
      )
      expect(grants.rows.map((r) => r.privilege_type)).toEqual(['INSERT', 'SELECT'])
    } finally {
      await client.end()
    }
  })

  it('refuses a schema written by a newer Warden with STORE_SCHEMA_TOO_NEW', async () => {
    const url = await pgTestUrl(base as string)
    await (await openStore(url)).close()
    const schema = new URL(url).searchParams.get('schema')
    const client = new pg.Client({ connectionString: base })
    await client.connect()
    await client.query(`UPDATE ${schema}.warden_schema SET version = 999`)
    await client.end()
    await expect(openStore(url)).rejects.toMatchObject({ code: 'STORE_SCHEMA_TOO_NEW' })
  })

  it('fails with STORE_UNAVAILABLE when nothing listens', async () => {
    await expect(openStore('postgres://postgres@127.0.0.1:1/none')).rejects.toMatchObject({
      code: 'STORE_UNAVAILABLE',
    })
  })
})
