/** What an incident event records (DESIGN.md: GET /api/incidents). */
export const INCIDENT_KINDS = [
  'paused',
  'resumed',
  'terminated',
  'emergency-stop',
  'emergency-cleared',
  'alert-failed',
  'terminate-hook-failed',
  'persist-failed',
  'publish-failed',
  'kill-switch-unavailable',
  'kill-switch-recovered',
] as const
export type IncidentKind = (typeof INCIDENT_KINDS)[number]

/** One incident event: an operator action or something that went wrong around it. */
export interface Incident {
  readonly id: string
  readonly kind: IncidentKind
  readonly agentId?: string
  readonly reason: string
  readonly actor: string
  /** Milliseconds since the epoch. */
  readonly at: number
  /** The gateway instance that recorded it. */
  readonly origin: string
  readonly detail?: Readonly<Record<string, unknown>>
}

/** Where incident events go: the port the shared store will back (and the admin API will list). */
export interface IncidentSink {
  record(incident: Incident): Promise<void>
}

/** Keeps incidents in memory, oldest first. */
export class MemoryIncidentSink implements IncidentSink {
  readonly #incidents: Incident[] = []

  async record(incident: Incident): Promise<void> {
    this.#incidents.push(incident)
  }

  list(): readonly Incident[] {
    return [...this.#incidents]
  }
}
