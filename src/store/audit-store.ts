import { frontierFits } from '../audit/merkle.js'
/** One stored audit row: the record body exactly as hashed, and the leaf hash written beside it. */
export interface AuditRow {
  readonly seq: number
  readonly body: string
  readonly leafHash: string
}

/** Columns kept beside the body for queries. They are copies: verify trusts only the body. */
export interface AuditIndex {
  readonly timestamp: string
  readonly agentId: string
  readonly sessionId: string | null
  readonly action: string
  readonly decision: string
  readonly risk: string
  readonly phase: string
  readonly actionId: string
}

/** A row to append: the body and leaf hash, and the query columns copied from the body. */
export interface NewAuditRow extends AuditRow {
  readonly index: AuditIndex
}

/** The end of the log as the store holds it: the next seq and the leaf hash of the last record. */
export interface AuditTail {
  readonly size: number
  readonly lastHash: string | null
}

/** Query conditions, all optional, combined with AND. */
export interface AuditFilter {
  readonly agentId?: string
  readonly sessionId?: string
  /** ISO timestamps, inclusive. */
  readonly since?: string
  readonly until?: string
  readonly action?: string
  readonly decision?: string
  readonly risk?: string
  readonly phase?: string
  readonly actionId?: string
  /** A substring of the stored body. */
  readonly text?: string
  readonly afterSeq?: number
  readonly limit?: number
}

/** A checkpoint as stored: `{size, root, time}` signed with the log's Ed25519 key. */
export interface StoredCheckpoint {
  readonly size: number
  readonly root: string
  readonly time: string
  readonly signature: string
  readonly keyId: string
}

/**
 * The right edge of the log's Merkle tree at `size` records (hex subtree hashes, largest first), kept beside
 * a checkpoint so that a log opened again need not read every record to sign the next one. A cache: it is
 * used only when it has the shape of such an edge and folds to a root the log's key signed at that size.
 */
export interface StoredFrontier {
  readonly size: number
  readonly hashes: readonly string[]
}

/**
 * The visible trace of a retention removal: records below `upTo` were removed as one sealed segment
 * closed by `checkpoint`; `frontier` (the right edge of the tree at `upTo`) and `lastHash` let what
 * remains verify on its own.
 */
export interface RetentionMark {
  readonly upTo: number
  readonly lastHash: string
  readonly frontier: readonly string[]
  readonly checkpoint: StoredCheckpoint
  readonly time: string
}

/** Everything the audit log keeps. Rows are append-only; implementations refuse updates in the store too. */
export interface AuditStore {
  /**
   * Appends in one durable transaction; two writers sharing a store cannot hand out the same seq. `build`
   * must only compute: it may run more than once. Inline stores run it inside the transaction on the tail
   * read under the write lock; a SQLite store with a writer thread runs it on the tail it last saw and
   * commits its rows only if that is still the tail under the lock, else runs it again on the real one.
   */
  append(build: (tail: AuditTail) => readonly NewAuditRow[]): Promise<readonly AuditRow[]>
  tail(): Promise<AuditTail>
  /** Rows with seq >= fromSeq in seq order (as stored: verify must see what an attacker left). */
  scan(fromSeq: number, limit: number): Promise<readonly AuditRow[]>
  query(filter: AuditFilter): Promise<readonly AuditRow[]>
  count(): Promise<number>
  addCheckpoint(checkpoint: StoredCheckpoint): Promise<void>
  checkpoints(): Promise<readonly StoredCheckpoint[]>
  /** Keeps a frontier; a second one of the same size is ignored (the first stays). */
  addFrontier(frontier: StoredFrontier): Promise<void>
  /** The kept frontier of the largest size, or null. */
  latestFrontier(): Promise<StoredFrontier | null>
  /** Writes the mark, then removes the records below `mark.upTo`; returns how many went. */
  prune(mark: RetentionMark): Promise<number>
  retention(): Promise<RetentionMark | null>
}

/**
 * A frontier as read back from a SQL store (hashes as JSON text), or null when the row is not one a log
 * wrote (not a JSON array of SHA-256 hex strings): a cache that cannot be read is no cache.
 */
export function frontierOf(size: number, hashesJson: string): StoredFrontier | null {
  let hashes: unknown
  try {
    hashes = JSON.parse(hashesJson)
  } catch {
    return null
  }
  const hex = (h: unknown) => typeof h === 'string' && /^[0-9a-f]{64}$/.test(h)
  if (!Array.isArray(hashes) || !frontierFits(size, hashes.length) || !hashes.every(hex)) return null
  return { size, hashes: hashes as string[] }
}

/** A row's column values in the order both SQL stores insert them (seq, body, leaf hash, then the index). */
export function auditRowValues(r: NewAuditRow): unknown[] {
  const i = r.index
  return [
    r.seq,
    r.body,
    r.leafHash,
    i.timestamp,
    i.agentId,
    i.sessionId,
    i.action,
    i.decision,
    i.risk,
    i.phase,
    i.actionId,
  ]
}
