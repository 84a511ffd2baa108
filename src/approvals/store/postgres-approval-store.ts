import type pg from 'pg'
import type { ApprovalRequest } from '../approval.js'
import { type ApprovalFilter, type ApprovalStore, isOpen } from '../approval-store.js'

/** The approvals table and indexes (migration 2 of the PostgreSQL store; idempotent). */
export const POSTGRES_APPROVALS_SCHEMA = `
CREATE TABLE IF NOT EXISTS approval_requests (
  id TEXT PRIMARY KEY,
  action_hash TEXT NOT NULL,
  kind TEXT NOT NULL,
  status TEXT NOT NULL,
  open BOOLEAN NOT NULL,
  created_at BIGINT NOT NULL,
  seq BIGSERIAL,
  version INT NOT NULL,
  body JSONB NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS approval_requests_open ON approval_requests (action_hash) WHERE open;
CREATE INDEX IF NOT EXISTS approval_requests_hash ON approval_requests (action_hash, created_at);
CREATE INDEX IF NOT EXISTS approval_requests_status ON approval_requests (status, created_at);
`

/** Creates the approvals table if missing (idempotent; serialised by an advisory lock across gateways). */
export async function ensurePostgresApprovalSchema(pool: pg.Pool): Promise<void> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    await client.query("SELECT pg_advisory_xact_lock(hashtext('warden_approvals_schema'))")
    await client.query(POSTGRES_APPROVALS_SCHEMA)
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    client.release()
  }
}

/**
 * Approval requests in PostgreSQL. Compare-and-set is one `UPDATE … WHERE version = $n`, which row
 * locking makes atomic across gateways; `create` relies on the partial unique index.
 */
export class PostgresApprovalStore implements ApprovalStore {
  readonly #pool: pg.Pool

  private constructor(pool: pg.Pool) {
    this.#pool = pool
  }

  /** Ensures the schema, then returns the store. */
  static async open(pool: pg.Pool): Promise<PostgresApprovalStore> {
    await ensurePostgresApprovalSchema(pool)
    return new PostgresApprovalStore(pool)
  }

  async create(request: ApprovalRequest): Promise<ApprovalRequest> {
    const inserted = await this.#pool.query(
      'INSERT INTO approval_requests (id, action_hash, kind, status, open, created_at, version, body) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING',
      [
        request.id,
        request.actionHash,
        request.kind,
        request.status,
        isOpen(request),
        request.createdAt,
        request.version,
        JSON.stringify(request),
      ],
    )
    if (inserted.rowCount === 1) return request
    const open = await this.#pool.query<{ body: ApprovalRequest }>(
      'SELECT body FROM approval_requests WHERE action_hash = $1 AND open',
      [request.actionHash],
    )
    return open.rows[0]?.body ?? (await this.get(request.id)) ?? request
  }

  async get(id: string): Promise<ApprovalRequest | null> {
    const found = await this.#pool.query<{ body: ApprovalRequest }>(
      'SELECT body FROM approval_requests WHERE id = $1',
      [id],
    )
    return found.rows[0]?.body ?? null
  }

  async findByActionHash(actionHash: string): Promise<ApprovalRequest | null> {
    const found = await this.#pool.query<{ body: ApprovalRequest }>(
      "SELECT body FROM approval_requests WHERE action_hash = $1 AND kind <> 'review' ORDER BY created_at DESC, seq DESC LIMIT 1",
      [actionHash],
    )
    return found.rows[0]?.body ?? null
  }

  async list(filter: ApprovalFilter = {}): Promise<ApprovalRequest[]> {
    const found = await this.#pool.query<{ body: ApprovalRequest }>(
      `SELECT body FROM approval_requests
       WHERE ($1::text IS NULL OR status = $1) AND ($3::bigint IS NULL OR created_at >= $3)
         AND ($4::bigint IS NULL OR created_at <= $4)
       ORDER BY created_at DESC, seq DESC LIMIT $2`,
      [filter.status ?? null, filter.limit ?? null, filter.sinceMs ?? null, filter.untilMs ?? null],
    )
    return found.rows.map((r) => r.body)
  }

  async update(next: ApprovalRequest, expectedVersion: number): Promise<boolean> {
    const changed = await this.#pool.query(
      'UPDATE approval_requests SET status = $1, open = $2, version = $3, body = $4 WHERE id = $5 AND version = $6',
      [next.status, isOpen(next), next.version, JSON.stringify(next), next.id, expectedVersion],
    )
    return changed.rowCount === 1
  }
}
