import { readFile } from 'node:fs/promises'
import { WardenError } from '../errors/warden-error.js'
import { appendLine } from './append-line.js'
import { INCIDENT_KINDS, type Incident, type IncidentSink } from './incident.js'

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

  /**
   * The most recent incidents, newest last, optionally of one agent and since a time (GET /api/incidents).
   * A line that does not parse (a torn write) is skipped: the list is a view, not the evidence.
   */
  async list(filter: { agentId?: string; sinceMs?: number; limit?: number } = {}): Promise<Incident[]> {
    let text: string
    try {
      text = await readFile(this.path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
      throw new WardenError('INCIDENT_LOG_FAILED', `cannot read ${this.path}: ${(error as Error).message}`)
    }
    const out: Incident[] = []
    for (const line of text.split('\n')) {
      const incident = parseIncident(line)
      if (incident === undefined) continue
      if (filter.agentId !== undefined && incident.agentId !== filter.agentId) continue
      if (filter.sinceMs !== undefined && incident.at < filter.sinceMs) continue
      out.push(incident)
    }
    return filter.limit === undefined ? out : out.slice(-filter.limit)
  }
}

function parseIncident(line: string): Incident | undefined {
  if (line.trim() === '') return undefined
  try {
    const value = JSON.parse(line) as Partial<Incident>
    const ok =
      typeof value.id === 'string' &&
      (INCIDENT_KINDS as readonly string[]).includes(value.kind as string) &&
      typeof value.reason === 'string' &&
      typeof value.at === 'number'
    return ok ? (value as Incident) : undefined
  } catch {
    return undefined
  }
}
