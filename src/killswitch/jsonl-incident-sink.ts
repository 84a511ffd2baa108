import { WardenError } from '../errors/warden-error.js'
import { appendLine } from './append-line.js'
import type { Incident, IncidentSink } from './incident.js'

/** Incident events as JSON Lines in an append-only file (by default `.warden/incidents.jsonl`). */
export class JsonlIncidentSink implements IncidentSink {
  readonly path: string

  constructor(path: string) {
    this.path = path
  }

  async record(incident: Incident): Promise<void> {
    try {
      await appendLine(this.path, JSON.stringify(incident))
    } catch (error) {
      throw new WardenError('INCIDENT_LOG_FAILED', `cannot write ${this.path}: ${(error as Error).message}`)
    }
  }
}
