import type { KeyObject } from 'node:crypto'
import { WardenError } from '../errors/warden-error.js'
import type { AuditStore } from '../store/audit-store.js'
import { parseCheckpoint, type SignedCheckpoint, verifyCheckpoint } from './checkpoint.js'
import { leafHash } from './merkle.js'
import { verifyInclusion } from './merkle-proofs.js'
import { RangeHasher } from './merkle-range.js'

/**
 * Everything a third party needs to check that a record is in the log: the record as hashed, the
 * audit path, and the signed checkpoint whose root the path leads to. Only the public key is needed
 * beside it.
 */
export interface ProofBundle {
  readonly seq: number
  readonly body: string
  readonly leafHash: string
  readonly proof: readonly string[]
  readonly checkpoint: SignedCheckpoint
}

const PAGE = 10_000

/** Builds the inclusion proof of `seq` against `checkpoint` (which must cover it). */
export async function proveRecord(
  audit: AuditStore,
  seq: number,
  checkpoint: SignedCheckpoint,
): Promise<ProofBundle> {
  if (!Number.isSafeInteger(seq) || seq < 0 || seq >= checkpoint.size) {
    throw new WardenError(
      'AUDIT_NOT_FOUND',
      `record ${seq} is not covered by a checkpoint of size ${checkpoint.size}`,
    )
  }
  const mark = await audit.retention()
  const offset = mark?.upTo ?? 0
  if (seq < offset)
    throw new WardenError(
      'AUDIT_NOT_FOUND',
      `record ${seq} was removed by retention (records start at ${offset})`,
    )
  const leaves: Buffer[] = []
  let body = ''
  for (let from = offset; from < checkpoint.size; ) {
    const rows = await audit.scan(from, Math.min(PAGE, checkpoint.size - from))
    if (rows.length === 0) break
    for (const row of rows) {
      if (row.seq !== offset + leaves.length) {
        throw new WardenError(
          'AUDIT_NOT_FOUND',
          `record ${offset + leaves.length} is missing: run warden audit verify`,
        )
      }
      leaves.push(leafHash(row.body))
      if (row.seq === seq) body = row.body
    }
    from = (rows[rows.length - 1]?.seq ?? from) + 1
  }
  if (leaves.length + offset !== checkpoint.size) {
    throw new WardenError(
      'AUDIT_NOT_FOUND',
      `the log holds fewer records than the checkpoint: run warden audit verify`,
    )
  }
  const hasher = new RangeHasher(
    offset,
    (mark?.frontier ?? []).map((h) => Buffer.from(h, 'hex')),
    leaves,
  )
  if (hasher.hash(0, checkpoint.size).toString('hex') !== checkpoint.root) {
    throw new WardenError(
      'AUDIT_NOT_FOUND',
      'the records no longer match the checkpoint: run warden audit verify',
    )
  }
  return {
    seq,
    body,
    leafHash: (leaves[seq - offset] as Buffer).toString('hex'),
    proof: hasher.inclusionPath(seq, checkpoint.size).map((h) => h.toString('hex')),
    checkpoint,
  }
}

/**
 * The third party's check: the body hashes to the leaf, the path leads from it to the checkpoint's
 * root (RFC 9162 §2.1.3.2), and the checkpoint carries the log key's signature.
 */
export function verifyProofBundle(value: unknown, publicKey: KeyObject): { ok: boolean; reason: string } {
  const b = value as Partial<ProofBundle> | null
  if (
    b === null ||
    typeof b !== 'object' ||
    typeof b.body !== 'string' ||
    !Array.isArray(b.proof) ||
    typeof b.seq !== 'number'
  ) {
    throw new WardenError(
      'AUDIT_PROOF_INVALID',
      'not a proof bundle {seq, body, leafHash, proof, checkpoint}',
    )
  }
  const checkpoint = parseCheckpoint(b.checkpoint, 'proof bundle')
  if (!verifyCheckpoint(checkpoint, publicKey))
    return { ok: false, reason: 'the checkpoint signature does not verify' }
  const leaf = leafHash(b.body)
  if (b.leafHash !== leaf.toString('hex'))
    return { ok: false, reason: 'the record does not hash to the leaf hash' }
  const path = b.proof.map((h) => Buffer.from(String(h), 'hex'))
  if (!verifyInclusion(b.seq, checkpoint.size, leaf, path, Buffer.from(checkpoint.root, 'hex'))) {
    return { ok: false, reason: 'the audit path does not lead to the signed root' }
  }
  return {
    ok: true,
    reason: `record ${b.seq} is in the log of size ${checkpoint.size} signed at ${checkpoint.time}`,
  }
}
