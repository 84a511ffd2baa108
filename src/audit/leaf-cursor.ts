import type { AuditStore } from '../store/audit-store.js'
import { leafHash, MerkleFrontier } from './merkle.js'

const PAGE = 5_000

/**
 * The Merkle frontier of the stored log, caught up incrementally: the first call reads the log once
 * (from the retention mark, if old segments were removed), later calls read only what was appended.
 * Leaves are hashed from the bodies, so a checkpoint signs what the records say, not a stored column.
 * Catch-ups run one at a time; rows observed while one runs are left for it to read.
 */
export class LeafCursor {
  private frontier: MerkleFrontier | null = null
  private running = false
  private queue: Promise<unknown> = Promise.resolve()

  constructor(private readonly audit: AuditStore) {}

  /** Feeds rows just appended, when they continue the frontier (saves reading them back). */
  observe(rows: readonly { seq: number; body: string }[]): void {
    const frontier = this.frontier
    if (this.running || frontier === null || rows[0]?.seq !== frontier.size) return
    for (const row of rows) frontier.push(leafHash(row.body))
  }

  /** Size and root of the stored log now (up to the first gap, which verify will name). */
  catchUp(): Promise<{ size: number; root: Buffer }> {
    const next = this.queue.then(() => this.run())
    this.queue = next.catch(() => undefined)
    return next
  }

  private async run(): Promise<{ size: number; root: Buffer }> {
    this.running = true
    try {
      if (this.frontier === null) {
        const mark = await this.audit.retention()
        const hashes = (mark?.frontier ?? []).map((h) => Buffer.from(h, 'hex'))
        this.frontier = new MerkleFrontier(mark?.upTo ?? 0, hashes)
      }
      const frontier = this.frontier
      for (;;) {
        const rows = await this.audit.scan(frontier.size, PAGE)
        for (const row of rows) {
          // A gap (a deleted row) would shift every later leaf: stop at it and let verify name it.
          if (row.seq !== frontier.size) return { size: frontier.size, root: frontier.root() }
          frontier.push(leafHash(row.body))
        }
        if (rows.length < PAGE) return { size: frontier.size, root: frontier.root() }
      }
    } finally {
      this.running = false
    }
  }
}
