import type { FileSnapshot, SnapshotStore } from '../snapshots/snapshot-store.js'
import { deleteInside, writeInside } from './file-operations.js'
import { locate, type Mount } from './mounts.js'
import { checkPath } from './safe-path.js'

/**
 * Puts one file back as its snapshot found it: the prior bytes and mode (rewritten atomically, through
 * the same link-refusing path checks as a governed write), or no file when the action created it.
 * Returns what was done, or why it could not be.
 */
export async function restoreFile(
  entry: FileSnapshot,
  mounts: readonly Mount[],
  snapshots: SnapshotStore,
): Promise<{ ok: true; done: string } | { ok: false; why: string }> {
  const located = locate(mounts, entry.path)
  if (located === undefined) return { ok: false, why: `${entry.path} is under no mount now` }
  const checked = await checkPath(located, { createParents: entry.existed })
  if (!checked.ok) return { ok: false, why: textOf(checked.result) }
  if (!entry.existed || entry.sha256 === undefined) {
    if (checked.value.stat === undefined) return { ok: true, done: 'absent already' }
    const deleted = await deleteInside(checked.value)
    return deleted.ok ? { ok: true, done: 'removed' } : { ok: false, why: textOf(deleted.result) }
  }
  const bytes = await snapshots.getBlob(entry.sha256)
  const written = await writeInside(checked.value, bytes, entry.mode ?? 0o644)
  return written.ok ? { ok: true, done: 'restored' } : { ok: false, why: textOf(written.result) }
}

function textOf(result: { content: readonly { type: string; text?: string }[] }): string {
  const first = result.content[0]
  return first?.type === 'text' && first.text !== undefined ? first.text : 'failed'
}
