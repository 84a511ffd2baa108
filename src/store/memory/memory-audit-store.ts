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
import { matchesFilter } from '../filter.js'

/** The audit store in memory, for tests and `memory:` URLs. Same contract as SQLite and PostgreSQL. */
export class MemoryAuditStore implements AuditStore {
  private rows: NewAuditRow[] = []
  private readonly marks: RetentionMark[] = []
  private readonly stored: StoredCheckpoint[] = []
  private readonly frontiers = new Map<number, StoredFrontier>()

  async append(build: (tail: AuditTail) => readonly NewAuditRow[]): Promise<readonly AuditRow[]> {
    const rows = build(this.currentTail())
    const last = this.rows[this.rows.length - 1]
    let next = last === undefined ? -1 : last.seq
    for (const row of rows) {
      if (row.seq <= next) throw new Error(`audit seq ${row.seq} already used`)
      next = row.seq
    }
    this.rows.push(...rows.map((row) => ({ ...row })))
    return rows.map(({ seq, body, leafHash }) => ({ seq, body, leafHash }))
  }

  async tail(): Promise<AuditTail> {
    return this.currentTail()
  }

  private currentTail(): AuditTail {
    const last = this.rows[this.rows.length - 1]
    if (last !== undefined) return { size: last.seq + 1, lastHash: last.leafHash }
    const mark = this.marks[this.marks.length - 1]
    return mark === undefined ? { size: 0, lastHash: null } : { size: mark.upTo, lastHash: mark.lastHash }
  }

  async scan(fromSeq: number, limit: number): Promise<readonly AuditRow[]> {
    const out: AuditRow[] = []
    for (const row of this.rows) {
      if (row.seq < fromSeq) continue
      out.push({ seq: row.seq, body: row.body, leafHash: row.leafHash })
      if (out.length >= limit) break
    }
    return out
  }

  async query(filter: AuditFilter): Promise<readonly AuditRow[]> {
    const limit = filter.limit ?? Number.POSITIVE_INFINITY
    const out: AuditRow[] = []
    for (const row of this.rows) {
      if (out.length >= limit) break
      if (matchesFilter(row, filter)) out.push({ seq: row.seq, body: row.body, leafHash: row.leafHash })
    }
    return out
  }

  async count(): Promise<number> {
    return this.rows.length
  }

  async addCheckpoint(checkpoint: StoredCheckpoint): Promise<void> {
    this.stored.push({ ...checkpoint })
  }

  async checkpoints(): Promise<readonly StoredCheckpoint[]> {
    return [...this.stored].sort((a, b) => a.size - b.size || a.time.localeCompare(b.time))
  }

  async addFrontier(frontier: StoredFrontier): Promise<void> {
    if (!this.frontiers.has(frontier.size)) {
      this.frontiers.set(frontier.size, { ...frontier, hashes: [...frontier.hashes] })
    }
  }

  async latestFrontier(): Promise<StoredFrontier | null> {
    let latest: StoredFrontier | null = null
    for (const f of this.frontiers.values()) if (latest === null || f.size > latest.size) latest = f
    return latest
  }

  async prune(mark: RetentionMark): Promise<number> {
    this.marks.push(mark)
    const before = this.rows.length
    this.rows = this.rows.filter((row) => row.seq >= mark.upTo)
    return before - this.rows.length
  }

  async retention(): Promise<RetentionMark | null> {
    return this.marks[this.marks.length - 1] ?? null
  }
}
