import type Database from 'better-sqlite3'
import type { ApprovalRequest } from '../approval.js'
import { type ApprovalFilter, type ApprovalStore, isOpen } from '../approval-store.js'

/**
 * The approvals table. The partial unique index allows one open (pending or approved) request per action
 * hash, so two gateways filing the same action at once file one request. The whole record is kept as
 * JSON in `body`; the indexed columns are copies for lookups.
 */
/** The approvals table and indexes (migration 2 of the SQLite store; idempotent). */
export const SQLITE_APPROVALS_SCHEMA = `
CREATE TABLE IF NOT EXISTS approval_requests (
  id TEXT PRIMARY KEY,
  action_hash TEXT NOT NULL,
  kind TEXT NOT NULL,
  status TEXT NOT NULL,
  open INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  version INTEGER NOT NULL,
  body TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS approval_requests_open ON approval_requests (action_hash) WHERE open = 1;
CREATE INDEX IF NOT EXISTS approval_requests_hash ON approval_requests (action_hash, created_at);
CREATE INDEX IF NOT EXISTS approval_requests_status ON approval_requests (status, created_at);
`

/** Creates the approvals table if missing (idempotent). */
export function ensureSqliteApprovalSchema(db: Database.Database): void {
  db.exec(SQLITE_APPROVALS_SCHEMA)
}

/** Approval requests in the store's SQLite database (better-sqlite3 is synchronous, so no interleaving). */
export class SqliteApprovalStore implements ApprovalStore {
  readonly #db: Database.Database

  constructor(db: Database.Database) {
    ensureSqliteApprovalSchema(db)
    this.#db = db
  }

  async create(request: ApprovalRequest): Promise<ApprovalRequest> {
    const inserted = this.#db
      .prepare(
        'INSERT OR IGNORE INTO approval_requests (id, action_hash, kind, status, open, created_at, version, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(...row(request))
    if (inserted.changes === 1) return request
    const open = this.#db
      .prepare('SELECT body FROM approval_requests WHERE action_hash = ? AND open = 1')
      .get(request.actionHash) as { body: string } | undefined
    return open === undefined ? ((await this.get(request.id)) ?? request) : parse(open.body)
  }

  async get(id: string): Promise<ApprovalRequest | null> {
    const found = this.#db.prepare('SELECT body FROM approval_requests WHERE id = ?').get(id) as
      | { body: string }
      | undefined
    return found === undefined ? null : parse(found.body)
  }

  async findByActionHash(actionHash: string): Promise<ApprovalRequest | null> {
    const found = this.#db
      .prepare(
        "SELECT body FROM approval_requests WHERE action_hash = ? AND kind <> 'review' ORDER BY created_at DESC, rowid DESC LIMIT 1",
      )
      .get(actionHash) as { body: string } | undefined
    return found === undefined ? null : parse(found.body)
  }

  async list(filter: ApprovalFilter = {}): Promise<ApprovalRequest[]> {
    const conditions = [
      ...(filter.status === undefined ? [] : ['status = @status']),
      ...(filter.sinceMs === undefined ? [] : ['created_at >= @sinceMs']),
      ...(filter.untilMs === undefined ? [] : ['created_at <= @untilMs']),
    ]
    const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`
    const limit = filter.limit === undefined ? '' : 'LIMIT @limit'
    const rows = this.#db
      .prepare(`SELECT body FROM approval_requests ${where} ORDER BY created_at DESC, rowid DESC ${limit}`)
      .all({
        status: filter.status,
        sinceMs: filter.sinceMs,
        untilMs: filter.untilMs,
        limit: filter.limit,
      }) as { body: string }[]
    return rows.map((r) => parse(r.body))
  }

  async update(next: ApprovalRequest, expectedVersion: number): Promise<boolean> {
    const changed = this.#db
      .prepare(
        'UPDATE approval_requests SET status = ?, open = ?, version = ?, body = ? WHERE id = ? AND version = ?',
      )
      .run(next.status, isOpen(next) ? 1 : 0, next.version, JSON.stringify(next), next.id, expectedVersion)
    return changed.changes === 1
  }
}

function row(r: ApprovalRequest): unknown[] {
  return [r.id, r.actionHash, r.kind, r.status, isOpen(r) ? 1 : 0, r.createdAt, r.version, JSON.stringify(r)]
}

function parse(body: string): ApprovalRequest {
  return JSON.parse(body) as ApprovalRequest
}
