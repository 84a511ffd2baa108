import type { KeyObject } from 'node:crypto'
import { WardenError } from '../errors/warden-error.js'
import type { AuditStore } from '../store/audit-store.js'
import { parseCheckpoint, type SignedCheckpoint, verifyCheckpoint } from './checkpoint.js'
import { leafHash } from './merkle.js'
import { verifyConsistency } from './merkle-proofs.js'
import { RangeHasher } from './merkle-range.js'

/** Shows that the log of `old` is a prefix of the log of `new` (no rollback, no fork, RFC 9162 §2.1.4). */
export interface ConsistencyBundle {
  readonly old: SignedCheckpoint
  readonly new: SignedCheckpoint
  readonly proof: readonly string[]
}

const PAGE = 10_000

/**
 * The consistency proof between two checkpoints of this log. An auditor who kept `old` checks with the
 * public key alone that the log only grew since: what a rollback or a forked view cannot fake.
 */
export async function proveConsistency(
  audit: AuditStore,
  old: SignedCheckpoint,
  current: SignedCheckpoint,
): Promise<ConsistencyBundle> {
  if (old.size > current.size) {
    throw new WardenError(
      'AUDIT_NOT_FOUND',
      `the saved checkpoint (${old.size}) is larger than the log (${current.size})`,
    )
  }
  const mark = await audit.retention()
  const offset = mark?.upTo ?? 0
  const leaves: Buffer[] = []
  for (let from = offset; from < current.size; ) {
    const rows = await audit.scan(from, Math.min(PAGE, current.size - from))
    if (rows.length === 0) break
    for (const row of rows) {
      if (row.seq !== offset + leaves.length)
        throw new WardenError('AUDIT_NOT_FOUND', 'the log has a gap: run warden audit verify')
      leaves.push(leafHash(row.body))
    }
    from = (rows[rows.length - 1]?.seq ?? from) + 1
  }
  const hasher = new RangeHasher(
    offset,
    (mark?.frontier ?? []).map((h) => Buffer.from(h, 'hex')),
    leaves,
  )
  try {
    return {
      old,
      new: current,
      proof: hasher.consistencyPath(old.size, current.size).map((h) => h.toString('hex')),
    }
  } catch (error) {
    throw new WardenError(
      'AUDIT_NOT_FOUND',
      `cannot prove from size ${old.size}: ${(error as Error).message}`,
    )
  }
}

/** The auditor's check: both checkpoints carry the log key's signature and the proof links their roots. */
export function verifyConsistencyBundle(
  value: unknown,
  publicKey: KeyObject,
): { ok: boolean; reason: string } {
  const b = value as Partial<Record<keyof ConsistencyBundle, unknown>> | null
  if (b === null || typeof b !== 'object' || !Array.isArray(b.proof)) {
    throw new WardenError('AUDIT_PROOF_INVALID', 'not a consistency bundle {old, new, proof}')
  }
  const old = parseCheckpoint(b.old, 'consistency bundle (old)')
  const current = parseCheckpoint(b.new, 'consistency bundle (new)')
  if (!verifyCheckpoint(old, publicKey))
    return { ok: false, reason: 'the old checkpoint signature does not verify' }
  if (!verifyCheckpoint(current, publicKey))
    return { ok: false, reason: 'the new checkpoint signature does not verify' }
  const proof = b.proof.map((h) => Buffer.from(String(h), 'hex'))
  const ok = verifyConsistency(
    old.size,
    current.size,
    Buffer.from(old.root, 'hex'),
    Buffer.from(current.root, 'hex'),
    proof,
  )
  return ok
    ? { ok, reason: `the log of size ${old.size} is a prefix of the log of size ${current.size}` }
    : {
        ok,
        reason: `the log of size ${current.size} does not extend the saved checkpoint of size ${old.size}`,
      }
}
