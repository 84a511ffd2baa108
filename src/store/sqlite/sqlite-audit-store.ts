import type Database from 'better-sqlite3'
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
import { INSERT_AUDIT_ROW, LAST_AUDIT_ROW, LAST_RETENTION_MARK } from './audit-sql.js'
import type { AuditWriterThread } from './audit-writer-thread.js'
import { ThreadAppender } from './thread-appender.js'

type RowOut = { seq: number; body: string; leaf_hash: string }

/**
 * The audit store on better-sqlite3 (synchronous calls, wrapped to honour the async contract). Reads,
 * checkpoints and prunes use `db`. Appends go through `writer`, a thread with its own connection, so the
 * fsync of each commit does not block the event loop; without one (`:memory:`, or asked for) they run
 * inline on `db`.
 */
export class SqliteAuditStore implements AuditStore {
  private readonly insert: Database.Statement
  private readonly lastRow: Database.Statement
  private readonly lastMark: Database.Statement
  private readonly scanStmt: Database.Statement
  private readonly appendTx: Database.Transaction<
    (build: (tail: AuditTail) => readonly NewAuditRow[]) => AuditRow[]
  >

  private readonly appender: ThreadAppender | null

  constructor(
    private readonly db: Database.Database,
    /** The thread appends commit on; null when they run inline on `db`. */
    readonly writer: AuditWriterThread | null = null,
  ) {
    this.insert = db.prepare(INSERT_AUDIT_ROW)
    this.lastRow = db.prepare(LAST_AUDIT_ROW)
    this.lastMark = db.prepare(LAST_RETENTION_MARK)
    this.scanStmt = db
      .prepare('SELECT seq, body, leaf_hash FROM audit_records WHERE seq >= ? ORDER BY seq LIMIT ?')
      .raw()
    this.appendTx = db.transaction((build) => {
      const rows = build(this.readTail())
      for (const r of rows) this.insert.run(...auditRowValues(r))
      return rows.map(({ seq, body, leafHash }) => ({ seq, body, leafHash }))
    })
    this.appender = writer === null ? null : new ThreadAppender(writer, () => this.readTail())
  }

  async append(build: (tail: AuditTail) => readonly NewAuditRow[]): Promise<readonly AuditRow[]> {
    if (this.appender !== null) return this.appender.append(build)
    // IMMEDIATE takes the write lock before the tail is read: no other writer can take the same seq.
    return this.appendTx.immediate(build)
  }

  /** Waits for appends in flight and stops the writer thread; the owner closes `db` after. */
  async close(): Promise<void> {
    await this.appender?.close()
  }

  async tail(): Promise<AuditTail> {
    return this.readTail()
  }

  private readTail(): AuditTail {
    const last = this.lastRow.get() as { seq: number; leaf_hash: string } | undefined
    if (last !== undefined) return { size: last.seq + 1, lastHash: last.leaf_hash }
    const mark = this.readMark()
    return mark === null ? { size: 0, lastHash: null } : { size: mark.upTo, lastHash: mark.lastHash }
  }

  async scan(fromSeq: number, limit: number): Promise<readonly AuditRow[]> {
    // Raw arrays: verify reads millions of rows, and objects per row cost more than the hashing.
    const rows = this.scanStmt.all(fromSeq, limit) as [number, string, string][]
    return rows.map(([seq, body, leafHash]) => ({ seq, body, leafHash }))
  }

  async query(filter: AuditFilter): Promise<readonly AuditRow[]> {
    const { where, params } = filterSql(filter, () => '?', 'instr(body, ?) > 0')
    const limit = filter.limit === undefined ? '' : ` LIMIT ${Math.max(0, Math.floor(filter.limit))}`
    const sql = `SELECT seq, body, leaf_hash FROM audit_records ${where} ORDER BY seq${limit}`
    return (this.db.prepare(sql).all(...params) as RowOut[]).map(toRow)
  }

  async count(): Promise<number> {
    return (this.db.prepare('SELECT count(*) AS n FROM audit_records').get() as { n: number }).n
  }

  async addCheckpoint(c: StoredCheckpoint): Promise<void> {
    this.db
      .prepare('INSERT INTO audit_checkpoints (size, root, time, signature, key_id) VALUES (?, ?, ?, ?, ?)')
      .run(c.size, c.root, c.time, c.signature, c.keyId)
  }

  async checkpoints(): Promise<readonly StoredCheckpoint[]> {
    const rows = this.db
      .prepare('SELECT size, root, time, signature, key_id FROM audit_checkpoints ORDER BY size, time, id')
      .all() as { size: number; root: string; time: string; signature: string; key_id: string }[]
    return rows.map((r) => ({
      size: r.size,
      root: r.root,
      time: r.time,
      signature: r.signature,
      keyId: r.key_id,
    }))
  }

  async addFrontier(f: StoredFrontier): Promise<void> {
    this.db
      .prepare('INSERT OR IGNORE INTO audit_frontiers (size, hashes) VALUES (?, ?)')
      .run(f.size, JSON.stringify(f.hashes))
  }

  async latestFrontier(): Promise<StoredFrontier | null> {
    const row = this.db
      .prepare('SELECT size, hashes FROM audit_frontiers ORDER BY size DESC LIMIT 1')
      .get() as { size: number; hashes: string } | undefined
    return row === undefined ? null : frontierOf(row.size, row.hashes)
  }

  async prune(mark: RetentionMark): Promise<number> {
    const run = this.db.transaction(() => {
      // The mark goes first: the delete trigger lets through only rows below the newest mark.
      this.db
        .prepare('INSERT INTO audit_retention (up_to, mark) VALUES (?, ?)')
        .run(mark.upTo, JSON.stringify(mark))
      return this.db.prepare('DELETE FROM audit_records WHERE seq < ?').run(mark.upTo).changes
    })
    return run.immediate()
  }

  async retention(): Promise<RetentionMark | null> {
    return this.readMark()
  }

  private readMark(): RetentionMark | null {
    const row = this.lastMark.get() as { mark: string } | undefined
    return row === undefined ? null : (JSON.parse(row.mark) as RetentionMark)
  }
}

function toRow(r: RowOut): AuditRow {
  return { seq: r.seq, body: r.body, leafHash: r.leaf_hash }
}
