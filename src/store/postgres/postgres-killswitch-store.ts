import type pg from 'pg'
import type { KillSwitchEvent } from '../../killswitch/event.js'
import type { Incident } from '../../killswitch/incident.js'
import type { IncidentFilter, IncidentStore } from '../../killswitch/incident-store.js'
import type { KillSwitchRepository, KillSwitchSnapshot, StoredEvents } from '../../killswitch/repository.js'
import { incidentListSql, incidentsFromRows } from '../incident-sql.js'
import { codedStoreCall, eventFromRow } from '../killswitch-rows.js'

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
    const { rows } = await codedStoreCall('KILL_SWITCH_LOAD_FAILED', 'cannot read kill-switch events', () =>
      this.#pool.query<{ id: string; body: string }>('SELECT id, body FROM killswitch_events'),
    )
    return { events: rows.map(eventFromRow) }
  }

  async summary(): Promise<StoredEvents> {
    const { rows } = await codedStoreCall('KILL_SWITCH_LOAD_FAILED', 'cannot count kill-switch events', () =>
      this.#pool.query<{ n: number; newest: number }>(
        'SELECT count(*)::int AS n, coalesce(max(at), 0)::float8 AS newest FROM killswitch_events',
      ),
    )
    return { count: rows[0]?.n ?? 0, newestAt: rows[0]?.newest ?? 0 }
  }

  async save(event: KillSwitchEvent): Promise<void> {
    await codedStoreCall('KILL_SWITCH_PERSIST_FAILED', 'cannot save kill-switch event', () =>
      this.#pool.query(
        'INSERT INTO killswitch_events (id, at, kind, agent_id, body) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING',
        [event.id, event.at, event.kind, event.agentId ?? null, JSON.stringify(event)],
      ),
    )
  }
}

/** Incidents in PostgreSQL, idempotent by id; `seq` keeps the order of incidents recorded in one ms. */
export class PostgresIncidentStore implements IncidentStore {
  readonly #pool: pg.Pool

  constructor(pool: pg.Pool) {
    this.#pool = pool
  }

  async record(incident: Incident): Promise<void> {
    await codedStoreCall('INCIDENT_LOG_FAILED', 'cannot record incident', () =>
      this.#pool.query(
        'INSERT INTO incidents (id, at, kind, agent_id, body) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING',
        [incident.id, incident.at, incident.kind, incident.agentId ?? null, JSON.stringify(incident)],
      ),
    )
  }

  async list(filter: IncidentFilter = {}): Promise<Incident[]> {
    const { sql, params } = incidentListSql(filter, (n) => `$${n}`)
    const { rows } = await codedStoreCall('INCIDENT_LOG_FAILED', 'cannot read incidents', () =>
      this.#pool.query<{ body: string }>(sql, params),
    )
    return incidentsFromRows(rows, filter)
  }
}
