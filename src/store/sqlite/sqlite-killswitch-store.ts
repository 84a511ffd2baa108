import type Database from 'better-sqlite3'
import { WardenError } from '../../errors/warden-error.js'
import type { KillSwitchEvent } from '../../killswitch/event.js'
import type { Incident } from '../../killswitch/incident.js'
import { type IncidentFilter, type IncidentStore, parseIncident } from '../../killswitch/incident-store.js'
import type { KillSwitchRepository, KillSwitchSnapshot } from '../../killswitch/repository.js'
import { incidentListSql } from '../incident-sql.js'
import { eventFromRow } from '../killswitch-rows.js'

/**
 * Kill-switch events in the SQLite store. `INSERT OR IGNORE` on the event id makes `save` idempotent, so
 * a gateway saving what it heard on the bus and the CLI that issued it meet without error. WAL lets the
 * CLI write while a gateway holds the file open.
 */
export class SqliteKillSwitchRepository implements KillSwitchRepository {
  readonly #db: Database.Database

  constructor(db: Database.Database) {
    this.#db = db
  }

  async load(): Promise<KillSwitchSnapshot> {
    let rows: { id: string; body: string }[]
    try {
      rows = this.#db.prepare('SELECT id, body FROM killswitch_events').all() as typeof rows
    } catch (error) {
      throw new WardenError(
        'KILL_SWITCH_LOAD_FAILED',
        `cannot read kill-switch events: ${(error as Error).message}`,
      )
    }
    return { events: rows.map(eventFromRow) }
  }

  async save(event: KillSwitchEvent): Promise<void> {
    try {
      this.#db
        .prepare(
          'INSERT OR IGNORE INTO killswitch_events (id, at, kind, agent_id, body) VALUES (?, ?, ?, ?, ?)',
        )
        .run(event.id, event.at, event.kind, event.agentId ?? null, JSON.stringify(event))
    } catch (error) {
      throw new WardenError(
        'KILL_SWITCH_PERSIST_FAILED',
        `cannot save kill-switch event: ${(error as Error).message}`,
      )
    }
  }
}

/** Incidents in the SQLite store, idempotent by id; `seq` keeps the order of incidents recorded in one ms. */
export class SqliteIncidentStore implements IncidentStore {
  readonly #db: Database.Database

  constructor(db: Database.Database) {
    this.#db = db
  }

  async record(incident: Incident): Promise<void> {
    try {
      this.#db
        .prepare('INSERT OR IGNORE INTO incidents (id, at, kind, agent_id, body) VALUES (?, ?, ?, ?, ?)')
        .run(incident.id, incident.at, incident.kind, incident.agentId ?? null, JSON.stringify(incident))
    } catch (error) {
      throw new WardenError('INCIDENT_LOG_FAILED', `cannot record incident: ${(error as Error).message}`)
    }
  }

  async list(filter: IncidentFilter = {}): Promise<Incident[]> {
    const { sql, params } = incidentListSql(filter, () => '?')
    let rows: { body: string }[]
    try {
      rows = this.#db.prepare(sql).all(...params) as typeof rows
    } catch (error) {
      throw new WardenError('INCIDENT_LOG_FAILED', `cannot read incidents: ${(error as Error).message}`)
    }
    const incidents = rows.map((r) => parseIncident(r.body)).filter((i) => i !== undefined)
    return filter.order === 'newest-first' ? incidents : incidents.reverse()
  }
}
