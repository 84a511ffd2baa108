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
/** What `summary` reports of the stored events (see KillSwitchRepository.summary). */
export interface StoredEvents {
  readonly count: number
  /** The largest `at` (ms), 0 when there is none. */
  readonly newestAt: number
}

/** The summary of events in hand (what a load returned). */
export function summaryOf(events: readonly KillSwitchEvent[]): StoredEvents {
  let newestAt = 0
  for (const e of events) if (e.at > newestAt) newestAt = e.at
  return { count: events.length, newestAt }
}

export interface KillSwitchRepository {
  load(): Promise<KillSwitchSnapshot>
  /**
   * How many events are stored and the newest `at` among them. Events are append-only (the stores refuse
   * UPDATE, DELETE and TRUNCATE), so while both are what the last load returned there is nothing new and a
   * resync skips the full read; the newest time also tells a store swapped under the gateway (a restored
   * backup that happens to hold as many events) from an unchanged one.
   */
  summary(): Promise<StoredEvents>
  save(event: KillSwitchEvent): Promise<void>
}

/** Keeps events in memory: tests, and gateways that accept losing the state on restart. */
export class MemoryKillSwitchRepository implements KillSwitchRepository {
  readonly #events = new Map<string, KillSwitchEvent>()

  async load(): Promise<KillSwitchSnapshot> {
    return { events: [...this.#events.values()] }
  }

  async summary(): Promise<StoredEvents> {
    return summaryOf([...this.#events.values()])
  }

  async save(event: KillSwitchEvent): Promise<void> {
    if (!this.#events.has(event.id)) this.#events.set(event.id, event)
  }
}
