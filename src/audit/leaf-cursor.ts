import type { AuditStore } from '../store/audit-store.js'
import { leafHash, MerkleFrontier } from './merkle.js'

const PAGE = 5_000

/**
 * The Merkle frontier of the stored log, caught up incrementally: the first call reads the log once
 * (from the retention mark, if old segments were removed), later calls read only what was appended.
 * Leaves are hashed from the bodies, so a checkpoint signs what the records say, not a stored column.
 */
export class LeafCursor {
  private frontier: MerkleFrontier | null = null

  constructor(private readonly audit: AuditStore) {}

  /** Feeds rows just appended, when they continue the frontier (saves reading them back). */
  observe(rows: readonly { seq: number; body: string }[]): void {
    const frontier = this.frontier
    if (frontier === null || rows[0]?.seq !== frontier.size) return
    for (const row of rows) frontier.push(leafHash(row.body))
  }

  async catchUp(): Promise<{ size: number; root: Buffer }> {
    if (this.frontier === null) {
      const mark = await this.audit.retention()
      this.frontier =
        mark === null
          ? new MerkleFrontier()
          : new MerkleFrontier(
              mark.upTo,
              mark.frontier.map((h) => Buffer.from(h, 'hex')),
            )
    }
    const frontier = this.frontier
    for (;;) {
      const rows = await this.audit.scan(frontier.size, PAGE)
      for (const row of rows) {
        // A gap (a deleted row) would silently shift every later leaf: stop at it and let verify name it.
        if (row.seq !== frontier.size) return { size: frontier.size, root: frontier.root() }
        frontier.push(leafHash(row.body))
      }
      if (rows.length < PAGE) return { size: frontier.size, root: frontier.root() }
    }
  }
}
