import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { auditRowValues } from '../audit-store.js'
import { anEvent } from '../killswitch-contract.js'
import { openStore } from '../open-store.js'
import { aRow } from '../store-contract.js'
import { POSTGRES_MIGRATIONS } from './migrations.js'
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

  it('migrates a version-2 schema forward, keeping its audit rows, and then stores kill-switch state', async () => {
    const url = await pgTestUrl(base as string)
    const schema = new URL(url).searchParams.get('schema')
    const client = new pg.Client({ connectionString: base, options: `-c search_path=${schema}` })
    await client.connect()
    try {
      await client.query(
        'CREATE TABLE warden_schema (id INT PRIMARY KEY CHECK (id = 1), version INT NOT NULL)',
      )
      for (const m of POSTGRES_MIGRATIONS.filter((m) => m.version <= 2)) await client.query(m.sql)
      await client.query('INSERT INTO warden_schema (id, version) VALUES (1, 2)')
      const row = aRow(0)
      const { seq, body, leafHash } = row
      await client.query(
        'INSERT INTO audit_records VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)',
        auditRowValues(row),
      )
      const store = await openStore(url)
      try {
        expect(await store.audit.scan(0, 10)).toEqual([{ seq, body, leafHash }])
        const pause = anEvent()
        await store.killSwitch.save(pause)
        expect((await store.killSwitch.load()).events).toEqual([pause])
      } finally {
        await store.close()
      }
      expect((await client.query('SELECT version FROM warden_schema')).rows).toEqual([{ version: 5 }])
      await expect(client.query('DELETE FROM killswitch_events')).rejects.toThrow(/append-only/)
      await expect(client.query('TRUNCATE killswitch_events')).rejects.toThrow(/append-only/)
    } finally {
      await client.end()
    }
  })

  it('fails with STORE_UNAVAILABLE when nothing listens', async () => {
    await expect(openStore('postgres://postgres@127.0.0.1:1/none')).rejects.toMatchObject({
      code: 'STORE_UNAVAILABLE',
    })
  })
})
