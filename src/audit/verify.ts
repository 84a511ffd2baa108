import type { KeyObject } from 'node:crypto'
import { nextTurn } from '../core/next-turn.js'
import type { AuditStore } from '../store/audit-store.js'
import { ChainWalker, LOOKAHEAD, type ScannedRow, scanRow } from './chain-walker.js'
import { type SignedCheckpoint, verifyCheckpoint } from './checkpoint.js'
import { frontierFits, frontierLength, MerkleFrontier } from './merkle.js'
import { RowQueue } from './row-queue.js'
import { keyIdOf } from './signing-key.js'
import type { VerifyProblem, VerifyReport } from './verify-problems.js'

/** What verify checks against besides the store. */
export interface VerifyOptions {
  /** The log's public key; without it signatures are not checked (and verify says so). */
  readonly publicKey: KeyObject | null
  /** Checkpoints kept outside the store (`--checkpoint FILE`): they catch truncation and rollback. */
  readonly checkpoints?: readonly SignedCheckpoint[]
  readonly onProgress?: (done: number, total: number) => void
  readonly pageSize?: number
}

/**
 * Reads the whole log once and reports every kind of damage with the first seq it concerns: edited,
 * deleted, forged and moved records (hash chain), truncation and rewritten history (signed roots from
 * the store and from outside), and checkpoints that do not carry the log key's signature.
 */
export async function verifyLog(audit: AuditStore, options: VerifyOptions): Promise<VerifyReport> {
  const problems: VerifyProblem[] = []
  const mark = await audit.retention()
  // A mark whose frontier has the wrong number of hashes is reported below; the walk goes on from a
  // frontier of the right shape (zero hashes), so the roots after it cannot match either.
  const fits = mark === null || frontierFits(mark.upTo, mark.frontier.length)
  const frontier =
    mark === null
      ? new MerkleFrontier()
      : new MerkleFrontier(
          mark.upTo,
          fits ? mark.frontier.map((h) => Buffer.from(h, 'hex')) : zeroHashes(mark.upTo),
        )
  if (mark !== null) {
    const sealed = mark.checkpoint
    if (!fits || sealed.size !== mark.upTo || sealed.root !== frontier.root().toString('hex')) {
      problems.push({
        seq: mark.upTo,
        kind: 'modified',
        message: 'the retention mark does not match its sealing checkpoint',
      })
    }
  }
  const checkpoints = [
    ...(await audit.checkpoints()),
    ...(options.checkpoints ?? []),
    ...(mark === null ? [] : [mark.checkpoint]),
  ]
  const bad = signatureProblems(checkpoints, options.publicKey)
  problems.push(...bad.problems)
  // A checkpoint that fails its signature proves nothing: it is reported, never used to judge the records.
  const pending = checkpoints
    .filter((c) => c.size > frontier.size && !bad.rejected.has(c))
    .sort((a, b) => a.size - b.size)
  const walker = new ChainWalker({ size: mark?.upTo ?? 0, lastHash: mark?.lastHash ?? null, frontier })
  let cpIndex = 0
  let lastGood = mark?.upTo ?? 0
  // A root that does not match is judged after the walk: a forged row found later may explain it.
  const mismatches: { cp: SignedCheckpoint; lastGood: number }[] = []
  const onAccept = () => {
    while (cpIndex < pending.length && (pending[cpIndex] as SignedCheckpoint).size === frontier.size) {
      const cp = pending[cpIndex++] as SignedCheckpoint
      if (cp.root === frontier.root().toString('hex')) lastGood = cp.size
      else mismatches.push({ cp, lastGood })
    }
  }
  const total = await audit.count()
  const pageSize = options.pageSize ?? 10_000
  const buf = new RowQueue<ScannedRow>()
  let records = 0
  let from = mark?.upTo ?? 0
  let done = false
  while (!done || buf.length > 0) {
    if (!done && buf.length <= LOOKAHEAD) {
      const rows = await audit.scan(from, pageSize)
      for (const row of rows) {
        if (buf.length > 0) buf.push(scanRow(row))
        else {
          const queued = walker.offer(row, onAccept)
          if (queued !== null) buf.push(queued)
        }
        while (buf.length > LOOKAHEAD) walker.step(buf, onAccept)
      }
      records += rows.length
      done = rows.length < pageSize
      const tail = rows[rows.length - 1]
      if (tail !== undefined) from = tail.seq + 1
      options.onProgress?.(records, total)
      if (!done) await nextTurn()
      continue
    }
    walker.step(buf, onAccept)
  }
  for (const { cp, lastGood: from } of mismatches) {
    if (walker.problems.some((p) => p.seq < cp.size)) continue
    problems.push({
      seq: from,
      kind: 'modified',
      message: `records ${from}..${cp.size - 1} differ from the signed checkpoint of size ${cp.size} (rewritten or rolled back)`,
    })
    break
  }
  const largest = pending[pending.length - 1]
  if (largest !== undefined && largest.size > walker.size) {
    problems.push({
      seq: walker.size,
      kind: 'truncated',
      message: `the log ends at ${walker.size} records but a signed checkpoint covers ${largest.size}`,
    })
  }
  const all = [...problems, ...walker.problems].sort((a, b) => a.seq - b.seq)
  return { ok: all.length === 0, records, problems: all }
}

function signatureProblems(
  checkpoints: readonly SignedCheckpoint[],
  publicKey: KeyObject | null,
): { problems: VerifyProblem[]; rejected: Set<SignedCheckpoint> } {
  const problems: VerifyProblem[] = []
  const rejected = new Set<SignedCheckpoint>()
  if (publicKey === null) return { problems, rejected }
  const keyId = keyIdOf(publicKey)
  for (const cp of checkpoints) {
    const why =
      cp.keyId !== keyId
        ? `checkpoint of size ${cp.size} is signed by key ${cp.keyId}, not ${keyId}`
        : verifyCheckpoint(cp, publicKey)
          ? null
          : `checkpoint of size ${cp.size} has an invalid signature`
    if (why === null) continue
    problems.push({ seq: cp.size, kind: 'bad_signature', message: why })
    rejected.add(cp)
  }
  return { problems, rejected }
}

// One all-zero hash per perfect subtree of `size` leaves: a frontier of the right shape that matches nothing.
function zeroHashes(size: number): Buffer[] {
  return Array.from({ length: frontierLength(size) }, () => Buffer.alloc(32))
}
