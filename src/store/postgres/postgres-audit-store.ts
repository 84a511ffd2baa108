import type pg from 'pg'
import type {
  AuditFilter,
  AuditRow,
  AuditStore,
  AuditTail,
  NewAuditRow,
  RetentionMark,
  StoredCheckpoint,
  StoredFrontier,
} from '../audit-store.js'
import { auditRowValues, frontierOf } from '../audit-store.js'
import { filterSql } from '../filter-sql.js'

type RowOut = { seq: string; body: string; leaf_hash: string }
const COLUMNS = 11
const INSERT_CHUNK = 4_000

/** The audit store on PostgreSQL. Several gateways may share it: appends serialise on a table lock. */
export class PostgresAuditStore implements AuditStore {
  constructor(private readonly pool: pg.Pool) {}

  async append(build: (tail: AuditTail) => readonly NewAuditRow[]): Promise<readonly AuditRow[]> {
    const client = await this.pool.connect()
    try {
      await client.query('BEGIN')
      // Conflicts with itself and with plain inserts, not with readers: one writer hands out seqs at a time.
      await client.query('LOCK TABLE audit_records IN SHARE ROW EXCLUSIVE MODE')
      const rows = build(await readTail(client))
      // PostgreSQL takes at most 65,535 parameters per statement: insert in chunks inside the one transaction.
      for (let at = 0; at < rows.length; at += INSERT_CHUNK)
        await insertRows(client, rows.slice(at, at + INSERT_CHUNK))
      await client.query('COMMIT')
      client.release()
      return rows.map(({ seq, body, leafHash }) => ({ seq, body, leafHash }))
    } catch (error) {
      // A client that failed mid-transaction may have lost its connection: destroy it, never reuse it.
      await client.query('ROLLBACK').catch(() => {})
      client.release(true)
      throw error
    }
  }

  async tail(): Promise<AuditTail> {
    return readTail(this.pool)
  }

  async scan(fromSeq: number, limit: number): Promise<readonly AuditRow[]> {
    const r = await this.pool.query<RowOut>(
      'SELECT seq, body, leaf_hash FROM audit_records WHERE seq >= $1 ORDER BY seq LIMIT $2',
      [fromSeq, limit],
    )
    return r.rows.map(toRow)
  }

  async query(filter: AuditFilter): Promise<readonly AuditRow[]> {
    const { where, params } = filterSql(filter, (n) => `$${n}`, 'strpos(body, ?) > 0')
    const limit = filter.limit === undefined ? '' : ` LIMIT ${Math.max(0, Math.floor(filter.limit))}`
    const r = await this.pool.query<RowOut>(
      `SELECT seq, body, leaf_hash FROM audit_records ${where} ORDER BY seq${limit}`,
      params,
    )
    return r.rows.map(toRow)
  }

  async count(): Promise<number> {
    const r = await this.pool.query<{ n: string }>('SELECT count(*) AS n FROM audit_records')
    return Number(r.rows[0]?.n ?? 0)
  }

  async addCheckpoint(c: StoredCheckpoint): Promise<void> {
    await this.pool.query(
      'INSERT INTO audit_checkpoints (size, root, time, signature, key_id) VALUES ($1, $2, $3, $4, $5)',
      [c.size, c.root, c.time, c.signature, c.keyId],
    )
  }

  async checkpoints(): Promise<readonly StoredCheckpoint[]> {
    const r = await this.pool.query<{
      size: string
      root: string
      time: string
      signature: string
      key_id: string
    }>('SELECT size, root, time, signature, key_id FROM audit_checkpoints ORDER BY size, time, id')
    return r.rows.map((c) => ({
      size: Number(c.size),
      root: c.root,
      time: c.time,
      signature: c.signature,
      keyId: c.key_id,
    }))
  }

  async addFrontier(f: StoredFrontier): Promise<void> {
    await this.pool.query(
      'INSERT INTO audit_frontiers (size, hashes) VALUES ($1, $2) ON CONFLICT (size) DO NOTHING',
      [f.size, JSON.stringify(f.hashes)],
    )
  }

  async latestFrontier(): Promise<StoredFrontier | null> {
    const r = await this.pool.query<{ size: string; hashes: string }>(
      'SELECT size, hashes FROM audit_frontiers ORDER BY size DESC LIMIT 1',
    )
    const row = r.rows[0]
    return row === undefined ? null : frontierOf(Number(row.size), row.hashes)
  }

  async prune(mark: RetentionMark): Promise<number> {
    const client = await this.pool.connect()
    try {
      await client.query('BEGIN')
      // The mark goes first: the trigger lets DELETE through only below the newest mark.
      await client.query('INSERT INTO audit_retention (up_to, mark) VALUES ($1, $2)', [
        mark.upTo,
        JSON.stringify(mark),
      ])
      const r = await client.query('DELETE FROM audit_records WHERE seq < $1', [mark.upTo])
      await client.query('COMMIT')
      client.release()
      return r.rowCount ?? 0
    } catch (error) {
      // A client that failed mid-transaction may have lost its connection: destroy it, never reuse it.
      await client.query('ROLLBACK').catch(() => {})
      client.release(true)
      throw error
    }
  }

  async retention(): Promise<RetentionMark | null> {
    return readMark(this.pool)
  }
}

async function readTail(db: pg.Pool | pg.PoolClient): Promise<AuditTail> {
  const r = await db.query<{ seq: string; leaf_hash: string }>(
    'SELECT seq, leaf_hash FROM audit_records ORDER BY seq DESC LIMIT 1',
  )
  const last = r.rows[0]
  if (last !== undefined) return { size: Number(last.seq) + 1, lastHash: last.leaf_hash }
  const mark = await readMark(db)
  return mark === null ? { size: 0, lastHash: null } : { size: mark.upTo, lastHash: mark.lastHash }
}

async function readMark(db: pg.Pool | pg.PoolClient): Promise<RetentionMark | null> {
  const r = await db.query<{ mark: string }>('SELECT mark FROM audit_retention ORDER BY id DESC LIMIT 1')
  const row = r.rows[0]
  return row === undefined ? null : (JSON.parse(row.mark) as RetentionMark)
}

function toRow(r: RowOut): AuditRow {
  return { seq: Number(r.seq), body: r.body, leafHash: r.leaf_hash }
}

async function insertRows(client: pg.PoolClient, rows: readonly NewAuditRow[]): Promise<void> {
  const values: unknown[] = []
  const tuples: string[] = []
  for (const r of rows) {
    const base = values.length
    values.push(...auditRowValues(r))
    tuples.push(`(${Array.from({ length: COLUMNS }, (_, k) => `$${base + k + 1}`).join(',')})`)
  }
  await client.query(
    `INSERT INTO audit_records (seq, body, leaf_hash, ts, agent_id, session_id, action, decision, risk, phase, action_id) VALUES ${tuples.join(',')}`,
    values,
  )
}
