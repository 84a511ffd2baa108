import { nextTurn } from '../core/next-turn.js'
import type { AuditStore } from '../store/audit-store.js'
import { frontierFits, leafHash, MerkleFrontier } from './merkle.js'

/** Size, root and subtree hashes (largest first) of the stored log at one moment. */
export interface LogFrontier {
  readonly size: number
  readonly root: Buffer
  readonly hashes: readonly Buffer[]
}

const PAGE = 5_000

/**
 * The Merkle frontier of the stored log, caught up incrementally: the first call starts from the newest
 * frontier kept beside a checkpoint that `trusted` accepts (one the log's key signed), else from the
 * retention mark, else from the first record, and reads the log from there; later calls read only what was
 * appended. A log opened again therefore reads what came after its last checkpoint, not every record.
 * Leaves are hashed from the bodies, so a checkpoint signs what the records say, not a stored column.
 * Catch-ups run one at a time; rows observed while one runs are left for it to read.
 */
export class LeafCursor {
  private frontier: MerkleFrontier | null = null
  private running = false
  private queue: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly audit: AuditStore,
    /** Whether `root` at `size` is that of a checkpoint the log signed. */
    private readonly trusted: (size: number, root: string) => Promise<boolean>,
  ) {}

  /** Feeds rows just appended, when they continue the frontier (saves reading them back). */
  observe(rows: readonly { seq: number; body: string }[]): void {
    const frontier = this.frontier
    if (this.running || frontier === null || rows[0]?.seq !== frontier.size) return
    for (const row of rows) frontier.push(leafHash(row.body))
  }

  /** Size, root and frontier of the stored log now (up to the first gap, which verify will name). */
  catchUp(): Promise<LogFrontier> {
    const next = this.queue.then(() => this.run())
    this.queue = next.catch(() => undefined)
    return next
  }

  private async run(): Promise<LogFrontier> {
    this.running = true
    try {
      this.frontier ??= await this.start()
      const frontier = this.frontier
      const now = (): LogFrontier => ({
        size: frontier.size,
        root: frontier.root(),
        hashes: [...frontier.hashes],
      })
      for (;;) {
        const rows = await this.audit.scan(frontier.size, PAGE)
        for (const row of rows) {
          // A gap (a deleted row) would shift every later leaf: stop at it and let verify name it.
          if (row.seq !== frontier.size) return now()
          frontier.push(leafHash(row.body))
        }
        if (rows.length < PAGE) return now()
        await nextTurn()
      }
    } finally {
      this.running = false
    }
  }

  // Where reading starts: the retention mark's frontier, or a kept one further on when it has the shape of a
  // right edge and its hashes fold to a root the log signed at that size (a planted or damaged frontier is
  // not used: reading starts earlier).
  private async start(): Promise<MerkleFrontier> {
    const mark = await this.audit.retention()
    const fromMark = new MerkleFrontier(
      mark?.upTo ?? 0,
      (mark?.frontier ?? []).map((h) => Buffer.from(h, 'hex')),
    )
    const kept = await this.audit.latestFrontier().catch(() => null)
    if (kept === null || kept.size <= fromMark.size || !frontierFits(kept.size, kept.hashes.length)) {
      return fromMark
    }
    const candidate = new MerkleFrontier(
      kept.size,
      kept.hashes.map((h) => Buffer.from(h, 'hex')),
    )
    const root = candidate.root().toString('hex')
    return (await this.trusted(kept.size, root).catch(() => false)) ? candidate : fromMark
  }
}
