import { INCIDENT_KINDS, type Incident, type IncidentSink } from './incident.js'

/** Which incidents `IncidentStore.list` returns (GET /api/incidents). Times are inclusive, in ms. */
export interface IncidentFilter {
  readonly agentId?: string
  readonly sinceMs?: number
  readonly untilMs?: number
  /** Keeps the most recent `limit` matches, whatever the order they are returned in. */
  readonly limit?: number
  /** Default `oldest-first` (newest last, as GET /api/incidents answers). */
  readonly order?: 'oldest-first' | 'newest-first'
}

/**
 * Where incidents are kept and read back: the store's `incidents` (memory, SQLite, PostgreSQL).
 * `record` is idempotent by incident id.
 *
 * @example
 * await store.incidents.list({ agentId: 'reporter', sinceMs: Date.now() - 3_600_000, limit: 50 })
 */
export interface IncidentStore extends IncidentSink {
  list(filter?: IncidentFilter): Promise<Incident[]>
}

/** Keeps incidents in memory (the `memory:` store). */
export class MemoryIncidentStore implements IncidentStore {
  readonly #incidents = new Map<string, Incident>()

  async record(incident: Incident): Promise<void> {
    if (!this.#incidents.has(incident.id)) this.#incidents.set(incident.id, incident)
  }

  async list(filter: IncidentFilter = {}): Promise<Incident[]> {
    // Map keeps insertion order; a stable sort by time keeps it among equal times, as the SQL stores' seq does.
    const matching = [...this.#incidents.values()]
      .filter((i) => matches(i, filter))
      .sort((a, b) => a.at - b.at)
    const newest =
      filter.limit === undefined ? matching : matching.slice(Math.max(0, matching.length - filter.limit))
    return filter.order === 'newest-first' ? newest.reverse() : newest
  }
}

function matches(incident: Incident, filter: IncidentFilter): boolean {
  if (filter.agentId !== undefined && incident.agentId !== filter.agentId) return false
  if (filter.sinceMs !== undefined && incident.at < filter.sinceMs) return false
  if (filter.untilMs !== undefined && incident.at > filter.untilMs) return false
  return true
}

/**
 * Reads a stored incident back, or undefined when it is not one (a damaged row or a torn line): the
 * incident list is a view for people, not the evidence, so a bad entry is skipped rather than fatal.
 */
export function parseIncident(text: string): Incident | undefined {
  try {
    const value = JSON.parse(text) as Partial<Incident> | null
    const ok =
      typeof value === 'object' &&
      value !== null &&
      typeof value.id === 'string' &&
      (INCIDENT_KINDS as readonly string[]).includes(value.kind as string) &&
      typeof value.reason === 'string' &&
      typeof value.actor === 'string' &&
      typeof value.at === 'number' &&
      (value.agentId === undefined || typeof value.agentId === 'string')
    return ok ? (value as Incident) : undefined
  } catch {
    return undefined
  }
}
