import type Database from 'better-sqlite3'
import { nextTurn } from '../../core/next-turn.js'
import type { KillSwitchEvent } from '../../killswitch/event.js'
import type { Incident } from '../../killswitch/incident.js'
import type { IncidentFilter, IncidentStore } from '../../killswitch/incident-store.js'
import type { KillSwitchRepository, KillSwitchSnapshot, StoredEvents } from '../../killswitch/repository.js'
import { incidentListSql, incidentsFromRows } from '../incident-sql.js'
import { codedStoreCall, eventFromRow } from '../killswitch-rows.js'

const LOAD_PAGE = 1_000

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

  // Read in pages with the event loop free between them: a resync reloads every event when the count moved
  // (and at start); bench/history.bench.ts measures the longest stall of a 20,000-event load.
  async load(): Promise<KillSwitchSnapshot> {
    const events: KillSwitchEvent[] = []
    let after = Number.MIN_SAFE_INTEGER
    const page = await codedStoreCall('KILL_SWITCH_LOAD_FAILED', 'cannot read kill-switch events', () =>
      this.#db.prepare(
        'SELECT rowid AS r, id, body FROM killswitch_events WHERE rowid > ? ORDER BY rowid LIMIT ?',
      ),
    )
    for (;;) {
      const rows = await codedStoreCall(
        'KILL_SWITCH_LOAD_FAILED',
        'cannot read kill-switch events',
        () => page.all(after, LOAD_PAGE) as { r: number; id: string; body: string }[],
      )
      for (const row of rows) events.push(eventFromRow(row))
      const last = rows[rows.length - 1]
      if (last === undefined || rows.length < LOAD_PAGE) return { events }
      after = last.r
      await nextTurn()
    }
  }

  async summary(): Promise<StoredEvents> {
    const row = await codedStoreCall(
      'KILL_SWITCH_LOAD_FAILED',
      'cannot count kill-switch events',
      () =>
        this.#db
          .prepare('SELECT count(*) AS n, coalesce(max(at), 0) AS newest FROM killswitch_events')
          .get() as { n: number; newest: number },
    )
    return { count: row.n, newestAt: row.newest }
  }

  async save(event: KillSwitchEvent): Promise<void> {
    await codedStoreCall('KILL_SWITCH_PERSIST_FAILED', 'cannot save kill-switch event', () =>
      this.#db
        .prepare(
          'INSERT OR IGNORE INTO killswitch_events (id, at, kind, agent_id, body) VALUES (?, ?, ?, ?, ?)',
        )
        .run(event.id, event.at, event.kind, event.agentId ?? null, JSON.stringify(event)),
    )
  }
}

/** Incidents in the SQLite store, idempotent by id; `seq` keeps the order of incidents recorded in one ms. */
export class SqliteIncidentStore implements IncidentStore {
  readonly #db: Database.Database

  constructor(db: Database.Database) {
    this.#db = db
  }

  async record(incident: Incident): Promise<void> {
    await codedStoreCall('INCIDENT_LOG_FAILED', 'cannot record incident', () =>
      this.#db
        .prepare('INSERT OR IGNORE INTO incidents (id, at, kind, agent_id, body) VALUES (?, ?, ?, ?, ?)')
        .run(incident.id, incident.at, incident.kind, incident.agentId ?? null, JSON.stringify(incident)),
    )
  }

  async list(filter: IncidentFilter = {}): Promise<Incident[]> {
    const { sql, params } = incidentListSql(filter, () => '?')
    const rows = await codedStoreCall(
      'INCIDENT_LOG_FAILED',
      'cannot read incidents',
      () => this.#db.prepare(sql).all(...params) as { body: string }[],
    )
    return incidentsFromRows(rows, filter)
  }
}
