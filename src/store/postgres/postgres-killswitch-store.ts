import type pg from 'pg'
import { WardenError } from '../../errors/warden-error.js'
import type { KillSwitchEvent } from '../../killswitch/event.js'
import type { Incident } from '../../killswitch/incident.js'
import { type IncidentFilter, type IncidentStore, parseIncident } from '../../killswitch/incident-store.js'
import type { KillSwitchRepository, KillSwitchSnapshot } from '../../killswitch/repository.js'
import { incidentListSql } from '../incident-sql.js'
import { eventFromRow } from '../killswitch-rows.js'

/**
 * Kill-switch events in PostgreSQL, shared by every gateway on the database. `ON CONFLICT DO NOTHING` on
 * the event id: every instance saves what it heard on the bus, and those saves meet idempotently.
 */
export class PostgresKillSwitchRepository implements KillSwitchRepository {
  readonly #pool: pg.Pool

  constructor(pool: pg.Pool) {
    this.#pool = pool
  }

  async load(): Promise<KillSwitchSnapshot> {
    let rows: { id: string; body: string }[]
    try {
      rows = (await this.#pool.query<{ id: string; body: string }>('SELECT id, body FROM killswitch_events'))
        .rows
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
      await this.#pool.query(
        'INSERT INTO killswitch_events (id, at, kind, agent_id, body) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING',
        [event.id, event.at, event.kind, event.agentId ?? null, JSON.stringify(event)],
      )
    } catch (error) {
      throw new WardenError(
        'KILL_SWITCH_PERSIST_FAILED',
        `cannot save kill-switch event: ${(error as Error).message}`,
      )
    }
  }
}

/** Incidents in PostgreSQL, idempotent by id; `seq` keeps the order of incidents recorded in one ms. */
export class PostgresIncidentStore implements IncidentStore {
  readonly #pool: pg.Pool

  constructor(pool: pg.Pool) {
    this.#pool = pool
  }

  async record(incident: Incident): Promise<void> {
    try {
      await this.#pool.query(
        'INSERT INTO incidents (id, at, kind, agent_id, body) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING',
        [incident.id, incident.at, incident.kind, incident.agentId ?? null, JSON.stringify(incident)],
      )
    } catch (error) {
      throw new WardenError('INCIDENT_LOG_FAILED', `cannot record incident: ${(error as Error).message}`)
    }
  }

  async list(filter: IncidentFilter = {}): Promise<Incident[]> {
    const { sql, params } = incidentListSql(filter, (n) => `$${n}`)
    let rows: { body: string }[]
    try {
      rows = (await this.#pool.query<{ body: string }>(sql, params)).rows
    } catch (error) {
      throw new WardenError('INCIDENT_LOG_FAILED', `cannot read incidents: ${(error as Error).message}`)
    }
    const incidents = rows.map((r) => parseIncident(r.body)).filter((i) => i !== undefined)
    return filter.order === 'newest-first' ? incidents : incidents.reverse()
  }
}
