import type { BusHandler, BusMessage } from './bus.js'
import { Deduplicator } from './dedup.js'
import { subjectMatches } from './subject.js'

interface Entry {
  readonly pattern: readonly string[]
  readonly handler: BusHandler
  readonly dedup: Deduplicator
}

/**
 * The local side of subscriptions for buses that receive on one shared stream (in-process, Redis):
 * filters by the NATS-style pattern (Redis globs are wider: their `*` also crosses dots), drops
 * duplicates per subscription, and isolates handlers from each other's failures.
 */
export class SubscriptionTable {
  readonly #entries = new Set<Entry>()

  add(pattern: readonly string[], handler: BusHandler): () => boolean {
    const entry: Entry = { pattern, handler, dedup: new Deduplicator() }
    this.#entries.add(entry)
    return () => this.#entries.delete(entry)
  }

  get size(): number {
    return this.#entries.size
  }

  /**
   * Delivers to every matching subscription once. Redis may hand the same message over twice (a channel
   * and a pattern subscription both match); the per-subscription (origin, seq) check absorbs that.
   */
  dispatch(subject: string, message: BusMessage): void {
    const tokens = subject.split('.')
    for (const entry of this.#entries) {
      if (!subjectMatches(entry.pattern, tokens)) continue
      if (!entry.dedup.firstTime(message.origin, message.seq)) continue
      deliver(entry.handler, message, subject)
    }
  }
}

/** Runs one handler; a throw is reported as a process warning and never reaches the broker loop. */
export function deliver(handler: BusHandler, message: BusMessage, subject: string): void {
  try {
    handler(message, subject)
  } catch (error) {
    process.emitWarning(
      `bus handler for ${subject} threw: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
}
