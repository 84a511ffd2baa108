import pg from 'pg'
import { PostgresApprovalStore } from '../../approvals/store/postgres-approval-store.js'
import { WardenError } from '../../errors/warden-error.js'
import type { Store } from '../store.js'
import { POSTGRES_MIGRATIONS } from './migrations.js'
import { PostgresAuditStore } from './postgres-audit-store.js'
import { PostgresIncidentStore, PostgresKillSwitchRepository } from './postgres-killswitch-store.js'

/**
 * Opens a PostgreSQL store. `?schema=NAME` in the URL puts Warden's tables in that schema (created if
 * missing), which lets tests and several deployments share one database.
 */
export async function postgresStore(url: string): Promise<Store> {
  const parsed = new URL(url)
  const schema = parsed.searchParams.get('schema') ?? undefined
  parsed.searchParams.delete('schema')
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new WardenError(
      'STORE_URL_INVALID',
      `schema ${JSON.stringify(schema)}: lower-case letters, digits and _`,
    )
  }
  const pool = new pg.Pool({
    connectionString: parsed.toString(),
    max: 4,
    connectionTimeoutMillis: 5_000,
    query_timeout: 10_000,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  })
  // An idle client that loses its server emits 'error'; unhandled, it would end the process. The next
  // query fails instead, and the audit log turns that into AUDIT_UNAVAILABLE.
  pool.on('error', () => {})
  // The same for a client checked out between two queries of a transaction: the pending query fails,
  // the 'error' event must not end the process.
  pool.on('connect', (client) => client.on('error', () => {}))
  let approvals: PostgresApprovalStore
  try {
    await migrate(pool, schema)
    approvals = await PostgresApprovalStore.open(pool)
  } catch (error) {
    await pool.end().catch(() => {})
    if (error instanceof WardenError) throw error
    throw new WardenError('STORE_UNAVAILABLE', `cannot open PostgreSQL store: ${(error as Error).message}`)
  }
  return {
    kind: 'postgres',
    audit: new PostgresAuditStore(pool),
    approvals,
    killSwitch: new PostgresKillSwitchRepository(pool),
    incidents: new PostgresIncidentStore(pool),
    keyDir: null,
    async close() {
      // pg refuses a second end(); a store closed twice (a test, a shutdown racing an error) is closed.
      if (!pool.ending) await pool.end()
    },
  }
}

async function migrate(pool: pg.Pool, schema: string | undefined): Promise<void> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    await client.query("SELECT pg_advisory_xact_lock(hashtext('warden_migrate'))")
    if (schema !== undefined) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`)
    await client.query(
      'CREATE TABLE IF NOT EXISTS warden_schema (id INT PRIMARY KEY CHECK (id = 1), version INT NOT NULL)',
    )
    const row = await client.query<{ version: number }>('SELECT version FROM warden_schema WHERE id = 1')
    const current = row.rows[0]?.version ?? 0
    const latest = POSTGRES_MIGRATIONS[POSTGRES_MIGRATIONS.length - 1]?.version ?? 0
    if (current > latest) {
      throw new WardenError(
        'STORE_SCHEMA_TOO_NEW',
        `the PostgreSQL store has schema version ${current}; this Warden knows up to ${latest}. Upgrade Warden.`,
      )
    }
    for (const migration of POSTGRES_MIGRATIONS) {
      if (migration.version > current) await client.query(migration.sql)
    }
    await client.query(
      'INSERT INTO warden_schema (id, version) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET version = $1',
      [latest],
    )
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    client.release()
  }
}
