import { join } from 'node:path'
import { SnapshotStore } from './snapshots/snapshot-store.js'

/** What a rollback would put back, for the approver: nothing is touched. */
export interface RollbackPreview {
  readonly actionId: string
  readonly dryRun: true
  /** The agent whose action it was, when a snapshot was recorded. */
  readonly agent?: string
  readonly wouldRestore: readonly { kind: 'file' | 'rows'; target: string; what: string }[]
  /** Why nothing would be restored (no snapshot, or rolled back already). */
  readonly problem?: string
}

/**
 * Reads the action's snapshot manifest and says what rollback would restore: each file (prior content or
 * removal of a file the action created) and each table's before-images.
 */
export async function rollbackPreview(
  cwd: string,
  actionId: string,
  snapshotsDir?: string,
): Promise<RollbackPreview> {
  const store = new SnapshotStore(snapshotsDir ?? join(cwd, '.warden', 'snapshots'))
  const manifest = await store.manifest(actionId)
  if (manifest === undefined) {
    return { actionId, dryRun: true, wouldRestore: [], problem: 'no governed change was recorded for it' }
  }
  const wouldRestore = manifest.entries.map((e) =>
    e.kind === 'file'
      ? {
          kind: 'file' as const,
          target: e.path,
          what: e.existed
            ? `restore the prior content (sha256 ${e.sha256})`
            : 'remove (the action created it)',
        }
      : { kind: 'rows' as const, target: e.table, what: `restore ${e.rows.length} rows by primary key` },
  )
  return {
    actionId,
    dryRun: true,
    agent: manifest.agentId,
    wouldRestore,
    ...(manifest.rolledBackAt === undefined
      ? {}
      : { problem: `rolled back already at ${manifest.rolledBackAt}` }),
  }
}
