import { createHash, randomBytes } from 'node:crypto'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { WardenError } from '../../errors/warden-error.js'
import type { EncodedRow } from './row-codec.js'

/** The prior state of one file a governed write or delete changed. */
export interface FileSnapshot {
  readonly kind: 'file'
  /** The policy path the agent named (`/data/outputs/a.txt`). */
  readonly path: string
  /** False when the write created the file: rolling back removes it. */
  readonly existed: boolean
  /** SHA-256 of the prior bytes, the name of their blob. */
  readonly sha256?: string
  readonly mode?: number
}

/** Before-images of the rows one governed UPDATE or DELETE changed, keyed by the table's primary key. */
export interface RowsSnapshot {
  readonly kind: 'rows'
  readonly table: string
  readonly key: readonly string[]
  readonly columns: readonly string[]
  readonly rows: readonly EncodedRow[]
}

/** One thing an action changed, as it was before. */
export type Snapshot = FileSnapshot | RowsSnapshot

/** Everything one action changed, oldest first. */
export interface SnapshotManifest {
  readonly actionId: string
  readonly agentId: string
  readonly createdAt: string
  readonly entries: readonly Snapshot[]
  readonly rolledBackAt?: string
}

/**
 * Content-addressed snapshots of what governed tools changed, so `rollback(actionId)` can restore it:
 * blobs under `blobs/<sha256>` (the same bytes are stored once), one manifest per action under
 * `actions/<sha256(actionId)>.json` (the id is hashed so no agent-chosen id can name a path).
 */
export class SnapshotStore {
  readonly #dir: string
  // One manifest update at a time per action: concurrent calls of one action must not lose an entry.
  readonly #queues = new Map<string, Promise<void>>()

  constructor(dir: string) {
    this.#dir = dir
  }

  /** Stores bytes once and returns their SHA-256. */
  async putBlob(bytes: Uint8Array): Promise<string> {
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    const dir = join(this.#dir, 'blobs')
    await mkdir(dir, { recursive: true })
    await atomicReplace(join(dir, sha256), bytes)
    return sha256
  }

  async getBlob(sha256: string): Promise<Buffer> {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new WardenError('TOOL_SNAPSHOT_CORRUPT', 'bad blob name')
    const bytes = await readFile(join(this.#dir, 'blobs', sha256))
    const actual = createHash('sha256').update(bytes).digest('hex')
    if (actual !== sha256) {
      throw new WardenError('TOOL_SNAPSHOT_CORRUPT', `blob ${sha256} does not hash to its name`)
    }
    return bytes
  }

  /** Appends a snapshot to the action's manifest (an action retried keeps its earliest prior state first). */
  async record(actionId: string, agentId: string, entry: Snapshot): Promise<void> {
    const previous = this.#queues.get(actionId) ?? Promise.resolve()
    const next = previous.then(async () => {
      const existing = await this.manifest(actionId)
      await this.#write({
        actionId,
        agentId,
        createdAt: existing?.createdAt ?? new Date().toISOString(),
        entries: [...(existing?.entries ?? []), entry],
      })
    })
    const settled = next.catch(() => undefined)
    this.#queues.set(actionId, settled)
    void settled.then(() => {
      if (this.#queues.get(actionId) === settled) this.#queues.delete(actionId)
    })
    return next
  }

  async manifest(actionId: string): Promise<SnapshotManifest | undefined> {
    let text: string
    try {
      text = await readFile(this.#manifestPath(actionId), 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
      throw error
    }
    const manifest = JSON.parse(text) as SnapshotManifest
    if (manifest.actionId !== actionId) {
      throw new WardenError('TOOL_SNAPSHOT_CORRUPT', `manifest of ${actionId} names another action`)
    }
    return manifest
  }

  async markRolledBack(manifest: SnapshotManifest): Promise<void> {
    await this.#write({ ...manifest, rolledBackAt: new Date().toISOString() })
  }

  async #write(manifest: SnapshotManifest): Promise<void> {
    await mkdir(join(this.#dir, 'actions'), { recursive: true })
    await atomicReplace(this.#manifestPath(manifest.actionId), JSON.stringify(manifest))
  }

  #manifestPath(actionId: string): string {
    const name = createHash('sha256').update(actionId).digest('hex')
    return join(this.#dir, 'actions', `${name}.json`)
  }
}

async function atomicReplace(path: string, data: Uint8Array | string): Promise<void> {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`
  await writeFile(temp, data, { flag: 'wx' })
  await rename(temp, path)
}
