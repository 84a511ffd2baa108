import { mkdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { SqliteApprovalStore } from '../../approvals/store/sqlite-approval-store.js'
import { WardenError } from '../../errors/warden-error.js'
import type { Store } from '../store.js'
import { SQLITE_PRAGMAS } from './audit-sql.js'
import { AuditWriterThread } from './audit-writer-thread.js'
import { SQLITE_MIGRATIONS } from './migrations.js'
import { SqliteAuditStore } from './sqlite-audit-store.js'
import { SqliteIncidentStore, SqliteKillSwitchRepository } from './sqlite-killswitch-store.js'

/** Options of sqliteStore. */
export interface SqliteStoreOptions {
  /**
   * Where audit appends commit: `inline` (default) on the main connection, or `thread` on a worker thread
   * with its own connection, so the fsync of each commit does not block the event loop (the gateway's
   * choice; a short command would pay tens of milliseconds to start the thread). A `:memory:` database
   * cannot be shared with a thread and is always inline.
   */
  readonly auditWriter?: 'inline' | 'thread'
}

/**
 * Opens (creating if needed) a SQLite store: WAL with synchronous=FULL so a commit that returned is on
 * disk, and the schema migrated to the newest version this binary knows.
 *
 * @example
 * const store = sqliteStore('/var/lib/warden/warden.db', { auditWriter: 'thread' })
 */
export function sqliteStore(path: string, options: SqliteStoreOptions = {}): Store {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  let db: Database.Database
  try {
    db = new Database(path)
    for (const pragma of SQLITE_PRAGMAS) db.pragma(pragma)
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
  const inline = path === ':memory:' || options.auditWriter !== 'thread'
  // Only the gateway asks for the thread: it starts now, not during the first tool call (its start and its
  // own connection took 35-50 ms); the path is resolved now in case the process changes directory.
  const writer = inline ? null : new AuditWriterThread(resolve(path))
  writer?.warm()
  const audit = new SqliteAuditStore(db, writer)
  return {
    kind: 'sqlite',
    audit,
    approvals,
    killSwitch: new SqliteKillSwitchRepository(db),
    incidents: new SqliteIncidentStore(db),
    keyDir: path === ':memory:' ? null : join(dirname(path), 'keys'),
    async close() {
      // Appends in flight finish and the writer thread closes its connection before this one closes.
      await audit.close()
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
