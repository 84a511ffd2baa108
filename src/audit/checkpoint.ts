import { type KeyObject, sign, verify } from 'node:crypto'
import { WardenError } from '../errors/warden-error.js'
import type { StoredCheckpoint } from '../store/audit-store.js'
import type { SigningKey } from './signing-key.js'

/** `{size, root, signature, keyId, time}`: the log had `size` records with Merkle root `root` at `time`. */
export type SignedCheckpoint = StoredCheckpoint

/**
 * The signed bytes, one field per line with a fixed origin line (as C2SP signed notes do), so a
 * signature over one log's checkpoint cannot be replayed as anything else.
 */
export function checkpointMessage(size: number, root: string, time: string): Buffer {
  return Buffer.from(`warden-audit-checkpoint/v1\n${size}\n${root}\n${time}\n`)
}

/** Signs `{size, root, time}` with the log's key. */
export function signCheckpoint(key: SigningKey, size: number, root: string, time: string): SignedCheckpoint {
  const signature = sign(null, checkpointMessage(size, root, time), key.privateKey).toString('base64')
  return { size, root, signature, keyId: key.keyId, time }
}

/** True when the signature is the key's over exactly these size, root and time. */
export function verifyCheckpoint(checkpoint: SignedCheckpoint, publicKey: KeyObject): boolean {
  try {
    const message = checkpointMessage(checkpoint.size, checkpoint.root, checkpoint.time)
    return verify(null, message, publicKey, Buffer.from(checkpoint.signature, 'base64'))
  } catch {
    return false
  }
}

/** Validates the shape of a checkpoint read from a file or another party. */
export function parseCheckpoint(value: unknown, source: string): SignedCheckpoint {
  const c = value as Record<string, unknown> | null
  const ok =
    c !== null &&
    typeof c === 'object' &&
    Number.isSafeInteger(c.size) &&
    (c.size as number) >= 0 &&
    typeof c.root === 'string' &&
    /^[0-9a-f]{64}$/.test(c.root) &&
    typeof c.signature === 'string' &&
    typeof c.keyId === 'string' &&
    typeof c.time === 'string'
  if (!ok)
    throw new WardenError(
      'AUDIT_CHECKPOINT_INVALID',
      `${source}: not a checkpoint {size, root, signature, keyId, time}`,
    )
  return {
    size: c.size as number,
    root: c.root as string,
    signature: c.signature as string,
    keyId: c.keyId as string,
    time: c.time as string,
  }
}
