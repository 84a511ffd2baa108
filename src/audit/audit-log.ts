import { join } from 'node:path'
import { nextTurn } from '../core/next-turn.js'
import { WardenError } from '../errors/warden-error.js'
import type { AuditStore, AuditTail, NewAuditRow } from '../store/audit-store.js'
import type { Store } from '../store/store.js'
import { newCaptureMemo, placeRecord, prepareRecord, type UnplacedRecord } from './build-record.js'
import type { Redactor } from './capture.js'
import { type SignedCheckpoint, signCheckpoint, verifyCheckpoint } from './checkpoint.js'
import { LeafCursor } from './leaf-cursor.js'
import { type AuditEntryInput, type CaptureMode, GENESIS_PREV } from './record.js'
import { sensitiveRedactor } from './sensitive-redactor.js'
import { ephemeralKey, loadOrCreateKey, type SigningKey } from './signing-key.js'

/** Options of AuditLog.open; every one has a default. */
export interface AuditLogOptions {
  /** Folder of the Ed25519 signing key; default beside the SQLite file, else `.warden/keys` in the cwd. */
  readonly keyDir?: string
  /**
   * What records keep of inputs and outputs: `redacted` (default: PII and secrets replaced by the output
   * guardrails' scanner, digests and sizes of the raw payloads beside), `hashes` (digests and sizes only)
   * or `full`.
   */
  readonly capture?: CaptureMode
  /** The redactor of `redacted` mode (default: the PII and secret scanner). */
  readonly redact?: Redactor
  /** Most records per group-commit transaction. */
  readonly maxBatch?: number
  /** Most appends waiting for the store; past it appends are refused at once (a stalled store must not eat memory). */
  readonly maxQueued?: number
  /** Sign and store a checkpoint each time the log grows by this many records (0: only on request). */
  readonly checkpointEvery?: number
  /**
   * How long an `enqueue`d record (an outcome) may wait for the next commit to ride with, when no commit is
   * in flight or scheduled (default 10 ms; 0: commit at once). At low rates an agent's next call comes within
   * this window, and its intent and the previous outcome then share one commit instead of two (gateway bench
   * at 200 calls/s: 2.0 records per commit and 2,027-2,238 µs CPU per call with 10 ms, 1.1-1.3 and
   * 2,323-2,489 µs with 2 ms).
   */
  readonly enqueueWindowMs?: number
  readonly now?: () => Date
  /** Told when a record queued by `enqueue` could not be written (default: one line on stderr). */
  readonly onLost?: (error: WardenError, entry: Pick<AuditEntryInput, 'phase' | 'actionId'>) => void
}

interface Pending {
  readonly record: UnplacedRecord
  readonly resolve: (value: { seq: number; leafHash: string }) => void
  readonly reject: (error: unknown) => void
}

const memoryKeys = new WeakMap<AuditStore, SigningKey>()

/**
 * The tamper-evident audit log: records appended in group-committed transactions, each a leaf of an
 * RFC 6962 Merkle tree and hash-chained to the one before, with Ed25519-signed checkpoints.
 *
 * @example
 * const log = await AuditLog.open(await openStore('sqlite:.warden/warden.db'))
 * const { seq } = await log.append({ phase: 'intent', actionId, agentId, action: 'files.read', ... })
 */
export class AuditLog {
  private queue: Pending[] = []
  private scheduled = false
  private flushing = false
  private deferred: NodeJS.Timeout | undefined
  private closed = false
  private periodic: Promise<void> | null = null
  private readonly cursor: LeafCursor
  private lostCount = 0
  private readonly memo = newCaptureMemo()
  private readonly onLost: NonNullable<AuditLogOptions['onLost']>

  private constructor(
    readonly store: Store,
    readonly key: SigningKey,
    private readonly capture: CaptureMode,
    private readonly redact: Redactor | undefined,
    private readonly maxBatch: number,
    private readonly now: () => Date,
    private readonly checkpointEvery: number,
    private readonly maxQueued: number,
    onLost: AuditLogOptions['onLost'],
    // Only the default redactor's output may be taken from the output stage (a custom one must see everything).
    private readonly reuseRedacted: boolean,
    private readonly enqueueWindowMs: number,
  ) {
    this.cursor = new LeafCursor(store.audit, (size, root) => this.signed(size, root))
    this.onLost =
      onLost ??
      ((error, entry) =>
        process.stderr.write(`warden: ${entry.phase} record of ${entry.actionId} lost: ${error.message}\n`))
  }

  static async open(store: Store, options: AuditLogOptions = {}): Promise<AuditLog> {
    const key = keyFor(store, options.keyDir)
    const capture = options.capture ?? 'redacted'
    return new AuditLog(
      store,
      key,
      capture,
      options.redact ?? (capture === 'redacted' ? sensitiveRedactor() : undefined),
      options.maxBatch ?? 2_000,
      options.now ?? (() => new Date()),
      options.checkpointEvery ?? 10_000,
      options.maxQueued ?? 100_000,
      options.onLost,
      options.redact === undefined,
      options.enqueueWindowMs ?? 10,
    )
  }

  /** Records queued by `enqueue` that could not be written (an outcome lost this way leaves an `interrupted` intent). */
  get lost(): number {
    return this.lostCount
  }

  /**
   * Queues a record behind those already queued (same order, same group commit) without waiting for it to
   * be durable. For the outcome record: the tool has already run, so nothing may wait on it but the answer,
   * and a crash before the commit leaves an intent without outcome, which queries report as `interrupted`.
   * A failure is counted in `lost` and reported to `onLost`; `close()` still waits for the record.
   */
  enqueue(entry: AuditEntryInput): void {
    this.push(entry, false).catch((error: unknown) => {
      this.lostCount += 1
      const failure =
        error instanceof WardenError ? error : new WardenError('AUDIT_UNAVAILABLE', String(error))
      try {
        this.onLost(failure, entry)
      } catch {
        // a failing reporter must not turn a lost record into a crash; the count above still shows it
      }
    })
  }

  /**
   * Resolves once the record is durable. Appends made while a transaction is in flight are batched into
   * the next one (group commit). Rejects with AUDIT_UNAVAILABLE when the store fails: the caller must
   * then not run the action (fail closed).
   */
  append(entry: AuditEntryInput): Promise<{ seq: number; leafHash: string }> {
    return this.push(entry, true)
  }

  private push(entry: AuditEntryInput, awaited: boolean): Promise<{ seq: number; leafHash: string }> {
    if (this.closed) return Promise.reject(new WardenError('AUDIT_UNAVAILABLE', 'the audit log is closed'))
    if (this.queue.length >= this.maxQueued) {
      return Promise.reject(
        new WardenError('AUDIT_UNAVAILABLE', `${this.queue.length} appends already wait for the store`),
      )
    }
    let record: UnplacedRecord
    try {
      record = prepareRecord(entry, this.capture, this.redact, this.now, this.reuseRedacted, this.memo)
    } catch (error) {
      return Promise.reject(
        new WardenError('AUDIT_UNAVAILABLE', `audit record cannot be encoded: ${(error as Error).message}`),
      )
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ record, resolve, reject })
      if (awaited || this.enqueueWindowMs <= 0) this.schedule()
      else this.scheduleWithin(this.enqueueWindowMs)
    })
  }

  private schedule(): void {
    if (this.deferred !== undefined) {
      clearTimeout(this.deferred)
      this.deferred = undefined
    }
    if (this.scheduled || this.flushing || this.queue.length === 0) return
    this.scheduled = true
    setImmediate(() => void this.flush())
  }

  // A record nobody waits for: flushed with the next commit, or after `ms` when none comes. A commit in
  // flight or scheduled takes it anyway (flush reschedules while the queue is not empty).
  private scheduleWithin(ms: number): void {
    if (this.scheduled || this.flushing || this.deferred !== undefined) return
    this.deferred = setTimeout(() => {
      this.deferred = undefined
      this.schedule()
    }, ms)
  }

  private async flush(): Promise<void> {
    this.scheduled = false
    this.flushing = true
    const batch = this.queue.splice(0, this.maxBatch)
    try {
      const rows = await this.store.audit.append((tail) => place(batch, tail))
      this.cursor.observe(rows)
      batch.forEach((p, i) => {
        const row = rows[i]
        if (row === undefined)
          p.reject(new WardenError('AUDIT_UNAVAILABLE', 'the store did not confirm the record'))
        else p.resolve({ seq: row.seq, leafHash: row.leafHash })
      })
      if (this.crossesCheckpoint(rows) && this.periodic === null) {
        // Periodic checkpoints seal retention segments and narrow where verify places a rewrite. They run
        // beside the appends (the first may read a large log); a failure loses nothing, the next covers it.
        this.periodic = this.checkpoint()
          .catch(() => undefined)
          .then(() => {
            this.periodic = null
          })
      }
    } catch (error) {
      const failure = new WardenError('AUDIT_UNAVAILABLE', `audit store failed: ${(error as Error).message}`)
      for (const p of batch) p.reject(failure)
    } finally {
      this.flushing = false
      this.schedule()
    }
  }

  private crossesCheckpoint(rows: readonly { seq: number }[]): boolean {
    const first = rows[0]
    const last = rows[rows.length - 1]
    if (this.checkpointEvery <= 0 || first === undefined || last === undefined) return false
    return Math.floor((last.seq + 1) / this.checkpointEvery) > Math.floor(first.seq / this.checkpointEvery)
  }

  /** Signs `{size, root, time}` over everything in the store now, stores the checkpoint and returns it. */
  async checkpoint(): Promise<SignedCheckpoint> {
    try {
      const { size, root, hashes } = await this.cursor.catchUp()
      const checkpoint = signCheckpoint(this.key, size, root.toString('hex'), this.now().toISOString())
      await this.store.audit.addCheckpoint(checkpoint)
      // Kept so that the log opened again starts here; a cache, so failing to keep it fails nothing.
      await this.store.audit
        .addFrontier({ size, hashes: hashes.map((h) => h.toString('hex')) })
        .catch(() => undefined)
      return checkpoint
    } catch (error) {
      if (error instanceof WardenError) throw error
      throw new WardenError(
        'AUDIT_UNAVAILABLE',
        `cannot checkpoint the audit log: ${(error as Error).message}`,
      )
    }
  }

  // Whether this log's key signed a checkpoint of `root` at `size` (a kept frontier is used only then).
  private async signed(size: number, root: string): Promise<boolean> {
    const checkpoints = await this.store.audit.checkpoints()
    return checkpoints.some(
      (c) =>
        c.size === size &&
        c.root === root &&
        c.keyId === this.key.keyId &&
        verifyCheckpoint(c, this.key.publicKey),
    )
  }

  /** Waits for queued appends, then refuses new ones. The store stays open (its owner closes it). */
  async close(): Promise<void> {
    this.schedule() // a record waiting for company goes now
    while (this.queue.length > 0 || this.flushing || this.scheduled) await nextTurn()
    this.closed = true
    await this.periodic
  }
}

function place(batch: readonly Pending[], tail: AuditTail): NewAuditRow[] {
  let prev = tail.lastHash ?? GENESIS_PREV
  return batch.map((p, i) => {
    const row = placeRecord(p.record, tail.size + i, prev)
    prev = row.leafHash
    return row
  })
}

function keyFor(store: Store, keyDir: string | undefined): SigningKey {
  const dir =
    keyDir ?? store.keyDir ?? (store.kind === 'memory' ? null : join(process.cwd(), '.warden', 'keys'))
  if (dir !== null) return loadOrCreateKey(dir)
  let key = memoryKeys.get(store.audit)
  if (key === undefined) {
    key = ephemeralKey()
    memoryKeys.set(store.audit, key)
  }
  return key
}
