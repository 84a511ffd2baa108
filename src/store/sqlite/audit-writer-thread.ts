import { Worker } from 'node:worker_threads'
import { WardenError } from '../../errors/warden-error.js'
import type { AuditTail } from '../audit-store.js'
import { INSERT_AUDIT_ROW, LAST_AUDIT_ROW, LAST_RETENTION_MARK, SQLITE_PRAGMAS } from './audit-sql.js'

/** Same relative path from src/store/sqlite/ and dist/store/sqlite/ (the script is plain JS, outside both). */
export const AUDIT_WRITER_SCRIPT = new URL('../../../lib/sqlite-audit-writer.mjs', import.meta.url)

/** What the writer did with one append: committed it, or found the tail elsewhere and wrote nothing. */
export type WriterReply =
  | { readonly kind: 'committed' }
  | { readonly kind: 'moved'; readonly tail: AuditTail }

type Reply = { id: number } & (WriterReply | { kind: 'failed'; message: string; code?: string })

interface Running {
  readonly worker: Worker
  readonly pending: Map<number, { resolve: (reply: WriterReply) => void; reject: (error: Error) => void }>
}

/**
 * The worker thread that commits audit rows on its own connection to `path` (lib/sqlite-audit-writer.mjs).
 * Started by `warm` (the store does so when it opens) or else on the first commit, and again after it died. Fails
 * closed: an error, crash or exit of the thread rejects every commit it had not answered, so no append hangs
 * and none is acknowledged that the thread did not report committed. Idle, it does not keep the process alive.
 */
export class AuditWriterThread {
  private running: Running | null = null
  private nextId = 0

  constructor(
    private readonly path: string,
    private readonly script: URL = AUDIT_WRITER_SCRIPT,
  ) {}

  /** Starts the thread now, so the first commit does not wait for it to start and open the database. */
  warm(): void {
    this.running ??= this.start()
  }

  /** Inserts `rows` (values in `auditRowValues` order) in one transaction if the tail is still `assumed`. */
  commit(assumed: AuditTail, rows: readonly (readonly unknown[])[]): Promise<WriterReply> {
    const running = this.running ?? this.start()
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      running.pending.set(id, { resolve, reject })
      running.worker.ref()
      running.worker.postMessage({ kind: 'append', id, assumed, rows })
    })
  }

  /**
   * Stops the thread at once; commits it had not answered reject. For tests of that failure: never while
   * the thread may be inside a SQLite call (better-sqlite3 aborts the process when a call fails during
   * termination). `close` is how the store stops it.
   */
  async terminate(): Promise<void> {
    await this.running?.worker.terminate()
  }

  /** Lets the thread close its connection and exit (call when no commit is pending). */
  async close(): Promise<void> {
    const running = this.running
    if (running === null) return
    const exited = new Promise((resolve) => running.worker.once('exit', resolve))
    running.worker.ref()
    running.worker.postMessage({ kind: 'close' })
    await exited
  }

  private start(): Running {
    const worker = new Worker(this.script, {
      // Not the parent's flags: some are refused in a worker (--input-type), and a loader (tsx) only slows
      // the start of a plain-JavaScript script.
      execArgv: [],
      workerData: {
        path: this.path,
        pragmas: SQLITE_PRAGMAS,
        sql: { insertRow: INSERT_AUDIT_ROW, lastRow: LAST_AUDIT_ROW, lastMark: LAST_RETENTION_MARK },
      },
    })
    const running: Running = { worker, pending: new Map() }
    worker.unref()
    worker.on('message', (reply: Reply) => this.settle(running, reply))
    worker.on('error', (error) => this.fail(running, error.message))
    worker.on('messageerror', (error) => this.fail(running, error.message))
    worker.on('exit', (code) => this.fail(running, `exited (code ${code})`))
    this.running = running
    return running
  }

  private settle(running: Running, reply: Reply): void {
    const pending = running.pending.get(reply.id)
    if (pending === undefined) return
    running.pending.delete(reply.id)
    if (running.pending.size === 0) running.worker.unref()
    if (reply.kind === 'failed') pending.reject(Object.assign(new Error(reply.message), { code: reply.code }))
    else pending.resolve(reply.kind === 'moved' ? { kind: 'moved', tail: reply.tail } : { kind: 'committed' })
  }

  /** A thread that failed is done with: its unanswered commits reject, and the next commit starts another. */
  private fail(running: Running, why: string): void {
    if (this.running === running) this.running = null
    const error = new WardenError('STORE_UNAVAILABLE', `the SQLite audit writer thread failed: ${why}`)
    for (const pending of running.pending.values()) pending.reject(error)
    running.pending.clear()
  }
}
