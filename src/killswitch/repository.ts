import type { KillSwitchEvent } from './event.js'

/** Everything persisted about the kill switch: the events, in no particular order (the state does not care). */
export interface KillSwitchSnapshot {
  readonly events: readonly KillSwitchEvent[]
}

/**
 * Where kill-switch events persist, so a restart does not un-pause (the port the shared store will back).
 * `save` is idempotent by event id: every instance saves what it receives from the bus too, and with a
 * shared store those saves meet.
 */
export interface KillSwitchRepository {
  load(): Promise<KillSwitchSnapshot>
  /**
   * How many events are stored. Events are append-only (the stores refuse UPDATE, DELETE and TRUNCATE), so
   * while the count is what the last load returned there is nothing new, and a resync skips the full read.
   */
  count(): Promise<number>
  save(event: KillSwitchEvent): Promise<void>
}

/** Keeps events in memory: tests, and gateways that accept losing the state on restart. */
export class MemoryKillSwitchRepository implements KillSwitchRepository {
  readonly #events = new Map<string, KillSwitchEvent>()

  async load(): Promise<KillSwitchSnapshot> {
    return { events: [...this.#events.values()] }
  }

  async count(): Promise<number> {
    return this.#events.size
  }

  async save(event: KillSwitchEvent): Promise<void> {
    if (!this.#events.has(event.id)) this.#events.set(event.id, event)
  }
}
