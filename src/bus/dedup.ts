/** How many sequence numbers behind the highest seen a late message may arrive and still be accepted. */
const WINDOW = 4_096
/** Origins remembered; past it the least recently seen is forgotten (a restarted instance has a new id). */
const MAX_ORIGINS = 10_000

/**
 * Remembers which (origin, seq) pairs were delivered, so a retried publish or a relayed copy is dropped.
 * Tolerates reordering inside a window; a message older than the window counts as already seen.
 */
export class Deduplicator {
  readonly #origins = new Map<string, { max: number; seen: Set<number> }>()

  /** True the first time (origin, seq) is offered, false on every repeat. */
  firstTime(origin: string, seq: number): boolean {
    let entry = this.#origins.get(origin)
    if (entry === undefined) {
      if (this.#origins.size >= MAX_ORIGINS) {
        const oldest = this.#origins.keys().next().value
        if (oldest !== undefined) this.#origins.delete(oldest)
      }
      entry = { max: 0, seen: new Set() }
    }
    this.#origins.delete(origin)
    this.#origins.set(origin, entry)
    if (seq <= entry.max - WINDOW || entry.seen.has(seq)) return false
    entry.seen.add(seq)
    if (seq > entry.max) {
      entry.max = seq
      if (entry.seen.size > WINDOW) {
        for (const s of entry.seen) if (s <= entry.max - WINDOW) entry.seen.delete(s)
      }
    }
    return true
  }
}
