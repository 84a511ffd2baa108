import type { AuditRow } from '../store/audit-store.js'
import { leafHash, type MerkleFrontier } from './merkle.js'
import { decodeHead, GENESIS_PREV } from './record.js'
import type { RowQueue } from './row-queue.js'
import type { ProblemKind, VerifyProblem } from './verify-problems.js'

/** A stored row as verify sees it: where it sits, what it claims, what it hashes to. */
export interface ScannedRow {
  readonly rowSeq: number
  /** The seq the body claims, or -1 when the body is not a record Warden wrote. */
  readonly seq: number
  readonly prev: string
  readonly hash: string
  /** The same hash as bytes, for the Merkle frontier (kept to avoid decoding the hex again). */
  readonly leaf: Buffer
  readonly storedHash: string
}

/** How far ahead a moved record is looked for before the gap is called `missing`. */
export const LOOKAHEAD = 64

/**
 * Walks rows in storage order and rebuilds the hash chain, naming each break by the attack that
 * explains it: an edited body (its hash or its successor's link no longer matches), a deleted row (a
 * gap in the claimed seqs), a forged row (two rows claim one seq; the successor links to the genuine
 * one) or moved rows (the missing seq turns up a few rows later). One row of lookahead, LOOKAHEAD for
 * moves. Accepted leaves feed a Merkle frontier so signed roots are checked in the same pass.
 */
export class ChainWalker {
  readonly problems: VerifyProblem[] = []
  readonly frontier: MerkleFrontier
  private expected: number
  private last: string
  private lastPrev = ''
  private lastRowSeq = -1

  constructor(start: { size: number; lastHash: string | null; frontier: MerkleFrontier }) {
    this.expected = start.size
    this.last = start.lastHash ?? GENESIS_PREV
    this.frontier = start.frontier
  }

  /** The seq the next record must claim: the log's size as the chain says. */
  get size(): number {
    return this.expected
  }

  /**
   * The fast path, for a row when nothing is queued: accepts it when it is exactly the next link (the
   * common case) and returns null, else returns it scanned for the queue. Same outcome as step().
   */
  offer(row: AuditRow, onAccept: () => void): ScannedRow | null {
    const r = scanRow(row)
    if (r.seq !== this.expected || r.prev !== this.last || r.hash !== r.storedHash) return r
    this.accept(r, r.hash, onAccept)
    return null
  }

  /** Consumes buf[0] (and perhaps a moved row from further on). Call while buf is non-empty. */
  step(buf: RowQueue<ScannedRow>, onAccept: () => void): void {
    const r = buf.at(0) as ScannedRow
    if (r.seq === -1) {
      buf.shift()
      if (r.hash !== r.storedHash)
        this.report(r.rowSeq, 'modified', `row ${r.rowSeq} is no longer a valid record`)
      else this.report(r.rowSeq, 'inserted', `row ${r.rowSeq} is not a record Warden wrote`)
      return
    }
    if (r.hash !== r.storedHash) {
      buf.shift()
      this.report(r.seq, 'modified', `record ${r.seq} does not match its leaf hash: its content was changed`)
      this.accept(r, r.storedHash, onAccept)
      return
    }
    if (r.seq === this.expected) this.stepExpected(buf, r, onAccept)
    else if (r.seq > this.expected) this.stepAhead(buf, r, onAccept)
    else this.stepBehind(buf, r)
  }

  private stepExpected(buf: RowQueue<ScannedRow>, r: ScannedRow, onAccept: () => void): void {
    buf.shift()
    if (r.prev === this.last) {
      this.accept(r, r.hash, onAccept)
      return
    }
    const next = buf.at(0)
    if (next !== undefined && next.seq === r.seq && next.prev === this.last) {
      this.report(
        r.rowSeq,
        'inserted',
        `row ${r.rowSeq} claims seq ${r.seq} but does not chain to record ${r.seq - 1}`,
      )
      return
    }
    const at = Math.max(0, this.expected - 1)
    this.report(at, 'modified', `record ${r.seq} does not chain to record ${at}: record ${at} was rewritten`)
    this.accept(r, r.hash, onAccept)
  }

  private stepAhead(buf: RowQueue<ScannedRow>, r: ScannedRow, onAccept: () => void): void {
    const limit = Math.min(buf.length, LOOKAHEAD + 1)
    for (let i = 1; i < limit; i++) {
      const moved = buf.at(i) as ScannedRow
      if (moved.seq !== this.expected || moved.hash !== moved.storedHash) continue
      this.report(
        this.expected,
        'reordered',
        `record ${this.expected} is stored at row ${moved.rowSeq}, after record ${r.seq}`,
      )
      buf.removeAt(i)
      if (moved.prev !== this.last)
        this.report(this.expected, 'modified', `record ${this.expected} does not chain`)
      this.accept(moved, moved.hash, onAccept)
      return
    }
    const count = r.seq - this.expected
    this.report(
      this.expected,
      'missing',
      `${count} record(s) missing: seq ${this.expected}${count > 1 ? `..${r.seq - 1}` : ''}`,
    )
    buf.shift()
    this.accept(r, r.hash, onAccept)
  }

  private stepBehind(buf: RowQueue<ScannedRow>, r: ScannedRow): void {
    buf.shift()
    if (r.seq === this.expected - 1 && r.prev === this.lastPrev) {
      // Two rows claim one seq. The successor's link says which is genuine.
      const next = buf.at(0)
      if (next !== undefined && next.prev === r.hash && this.last !== r.hash) {
        this.report(r.seq, 'inserted', `row ${this.lastRowSeq} is a forged record ${r.seq}`)
        this.last = r.hash
        this.lastRowSeq = r.rowSeq
        return
      }
      this.report(r.seq, 'inserted', `row ${r.rowSeq} is a second record claiming seq ${r.seq}`)
      return
    }
    if (r.hash === this.last) {
      this.report(r.rowSeq, 'inserted', `row ${r.rowSeq} repeats record ${r.seq}`)
      return
    }
    this.report(
      r.seq,
      'reordered',
      `record ${r.seq} is stored at row ${r.rowSeq}, after record ${this.expected - 1}`,
    )
  }

  private accept(r: ScannedRow, chainHash: string, onAccept: () => void): void {
    this.frontier.push(r.leaf)
    this.expected = r.seq + 1
    this.lastPrev = r.prev
    this.last = chainHash
    this.lastRowSeq = r.rowSeq
    onAccept()
  }

  private report(seq: number, kind: ProblemKind, message: string): void {
    this.problems.push({ seq, kind, message })
  }
}

/** What verify needs of a stored row: its place, the place its body claims, and its leaf hash. */
export function scanRow(row: AuditRow): ScannedRow {
  const head = decodeHead(row.body)
  const leaf = leafHash(row.body)
  return {
    rowSeq: row.seq,
    seq: head?.seq ?? -1,
    prev: head?.prev ?? '',
    hash: leaf.toString('hex'),
    leaf,
    storedHash: row.leafHash,
  }
}
