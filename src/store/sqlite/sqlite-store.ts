import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import { SqliteApprovalStore } from '../../approvals/store/sqlite-approval-store.js'
import { WardenError } from '../../errors/warden-error.js'
import type { Store } from '../store.js'
import { SQLITE_MIGRATIONS } from './migrations.js'
import { SqliteAuditStore } from './sqlite-audit-store.js'
import { SqliteIncidentStore, SqliteKillSwitchRepository } from './sqlite-killswitch-store.js'

/**
 * Opens (creating if needed) a SQLite store: WAL with synchronous=FULL so a commit that returned is on
 * disk, and the schema migrated to the newest version this binary knows.
 */
export function sqliteStore(path: string): Store {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  let db: Database.Database
  try {
    db = new Database(path)
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    db.pragma('busy_timeout = 5000')
  } catch (error) {
    throw new WardenError(
      'STORE_UNAVAILABLE',
      `cannot open SQLite store ${path}: ${(error as Error).message}`,
    )
  }
  let approvals: SqliteApprovalStore
  try {
    migrate(db, path)
    approvals = new SqliteApprovalStore(db)
  } catch (error) {
    db.close()
    throw error
  }
  return {
    kind: 'sqlite',
    audit: new SqliteAuditStore(db),
    approvals,
    killSwitch: new SqliteKillSwitchRepository(db),
    incidents: new SqliteIncidentStore(db),
    keyDir: path === ':memory:' ? null : join(dirname(path), 'keys'),
    async close() {
      if (db.open) db.close()
    },
  }
}

function migrate(db: Database.Database, path: string): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS warden_schema (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)',
  )
  const apply = db.transaction(() => {
    const row = db.prepare('SELECT version FROM warden_schema WHERE id = 1').get() as
      | { version: number }
      | undefined
    const current = row?.version ?? 0
    const latest = SQLITE_MIGRATIONS[SQLITE_MIGRATIONS.length - 1]?.version ?? 0
    if (current > latest) {
      throw new WardenError(
        'STORE_SCHEMA_TOO_NEW',
        `${path} has schema version ${current}; this Warden knows up to ${latest}. Upgrade Warden.`,
      )
    }
    for (const migration of SQLITE_MIGRATIONS) {
      if (migration.version > current) db.exec(migration.sql)
    }
    db.prepare(
      'INSERT INTO warden_schema (id, version) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET version = ?',
    ).run(latest, latest)
  })
  apply.immediate()
}
