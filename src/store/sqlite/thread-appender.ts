import { WardenError } from '../../errors/warden-error.js'
import type { AuditRow, AuditTail, NewAuditRow } from '../audit-store.js'
import { auditRowValues } from '../audit-store.js'
import type { AuditWriterThread } from './audit-writer-thread.js'

/** Tries of one append while other writers keep moving the tail, before it is refused. */
export const MAX_APPEND_ATTEMPTS = 5

/**
 * SQLite appends through the writer thread. `build` cannot cross threads, so it runs here on the tail this
 * handle last saw (read once, then advanced by each commit); the thread inserts the rows only if that is
 * still the tail under the write lock. When another process or handle appended meanwhile (the CLI writes
 * to the same file), the thread answers with the real tail and `build` runs again on it: seqs stay
 * contiguous and the chain unbroken. Appends of one handle run one after another, never racing each other.
 */
export class ThreadAppender {
  private tail: AuditTail | null = null
  private last: Promise<unknown> = Promise.resolve()
  private closed = false

  constructor(
    private readonly thread: AuditWriterThread,
    private readonly readTail: () => AuditTail,
  ) {}

  append(build: (tail: AuditTail) => readonly NewAuditRow[]): Promise<readonly AuditRow[]> {
    if (this.closed) return Promise.reject(new WardenError('STORE_UNAVAILABLE', 'the SQLite store is closed'))
    const result = this.last.then(() => this.attempt(build))
    this.last = result.catch(() => undefined)
    return result
  }

  /** Waits for the appends already made, refuses new ones, then lets the thread exit. */
  async close(): Promise<void> {
    this.closed = true
    await this.last
    await this.thread.close()
  }

  private async attempt(build: (tail: AuditTail) => readonly NewAuditRow[]): Promise<readonly AuditRow[]> {
    let assumed = this.tail ?? this.readTail()
    for (let attempt = 0; attempt < MAX_APPEND_ATTEMPTS; attempt++) {
      const rows = build(assumed)
      const last = rows[rows.length - 1]
      if (last === undefined) return []
      let reply: Awaited<ReturnType<AuditWriterThread['commit']>>
      try {
        reply = await this.thread.commit(assumed, rows.map(auditRowValues))
      } catch (error) {
        this.tail = null // whatever happened, read the tail again next time
        throw error
      }
      if (reply.kind === 'committed') {
        this.tail = { size: last.seq + 1, lastHash: last.leafHash }
        return rows.map(({ seq, body, leafHash }) => ({ seq, body, leafHash }))
      }
      assumed = reply.tail
      this.tail = reply.tail
    }
    throw new WardenError(
      'STORE_UNAVAILABLE',
      `other writers moved the audit tail under ${MAX_APPEND_ATTEMPTS} attempts in a row`,
    )
  }
}
