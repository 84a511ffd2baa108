import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { WardenError } from '../../errors/warden-error.js'
import { auditRowValues } from '../audit-store.js'
import { anEvent } from '../killswitch-contract.js'
import { openStore } from '../open-store.js'
import { aRow } from '../store-contract.js'
import { SQLITE_MIGRATIONS } from './migrations.js'

const dir = mkdtempSync(join(tmpdir(), 'warden-sqlite-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('sqliteStore', () => {
  it('refuses UPDATE and DELETE of audit rows and checkpoints through SQLite (triggers)', async () => {
    const path = join(dir, 'triggers.db')
    const store = await openStore(`sqlite:${path}`)
    await store.audit.append(() => [aRow(0), aRow(1)])
    await store.audit.addCheckpoint({ size: 2, root: 'r', time: 't', signature: 's', keyId: 'k' })
    await store.close()
    const db = new Database(path)
    expect(() => db.prepare("UPDATE audit_records SET body = 'x' WHERE seq = 0").run()).toThrow(/append-only/)
    expect(() => db.prepare('DELETE FROM audit_records WHERE seq = 1').run()).toThrow(/sealed retention/)
    expect(() => db.prepare('DELETE FROM audit_checkpoints').run()).toThrow(/append-only/)
    expect((db.prepare('SELECT count(*) AS n FROM audit_records').get() as { n: number }).n).toBe(2)
    db.close()
  })

  it('creates the file in WAL mode relative to the working directory', async () => {
    const store = await openStore('sqlite:nested/w.db', { cwd: dir })
    expect(store.kind).toBe('sqlite')
    expect(store.keyDir).toBe(join(dir, 'nested', 'keys'))
    await store.close()
    const db = new Database(join(dir, 'nested', 'w.db'))
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    db.close()
  })

  it('refuses a schema written by a newer Warden with STORE_SCHEMA_TOO_NEW', async () => {
    const path = join(dir, 'newer.db')
    await (await openStore(`sqlite:${path}`)).close()
    const db = new Database(path)
    db.prepare('UPDATE warden_schema SET version = 999').run()
    db.close()
    const error = await openStore(`sqlite:${path}`).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(WardenError)
    expect((error as WardenError).code).toBe('STORE_SCHEMA_TOO_NEW')
  })

  it('migrates a version-2 file forward, keeping its audit rows, and then stores kill-switch state', async () => {
    const path = join(dir, 'v2.db')
    const db = new Database(path)
    db.exec('CREATE TABLE warden_schema (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)')
    for (const m of SQLITE_MIGRATIONS.filter((m) => m.version <= 2)) db.exec(m.sql)
    db.prepare('INSERT INTO warden_schema (id, version) VALUES (1, 2)').run()
    const row = aRow(0)
    const { seq, body, leafHash } = row
    db.prepare('INSERT INTO audit_records VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      ...auditRowValues(row),
    )
    db.close()
    const store = await openStore(`sqlite:${path}`)
    expect(await store.audit.scan(0, 10)).toEqual([{ seq, body, leafHash }])
    const pause = anEvent()
    await store.killSwitch.save(pause)
    await store.close()
    const again = await openStore(`sqlite:${path}`)
    expect((await again.killSwitch.load()).events).toEqual([pause])
    await again.close()
    const check = new Database(path)
    expect(check.prepare('SELECT version FROM warden_schema').get()).toEqual({ version: 5 })
    check.close()
  })

  it('keeps Merkle frontiers append-only and reads a damaged or misshapen one as none', async () => {
    const path = join(dir, 'frontiers.db')
    const store = await openStore(`sqlite:${path}`)
    await store.audit.addFrontier({ size: 4, hashes: ['b'.repeat(64)] })
    const db = new Database(path)
    expect(() => db.prepare("UPDATE audit_frontiers SET hashes = 'x'").run()).toThrow(/append-only/)
    expect(() => db.prepare('DELETE FROM audit_frontiers').run()).toThrow(/append-only/)
    db.prepare("INSERT INTO audit_frontiers (size, hashes) VALUES (9, 'not json')").run()
    expect(await store.audit.latestFrontier()).toBeNull()
    // 10 leaves have two subtrees on their right edge: one hash is not such an edge.
    db.prepare('INSERT INTO audit_frontiers (size, hashes) VALUES (10, ?)').run(
      JSON.stringify(['c'.repeat(64)]),
    )
    expect(await store.audit.latestFrontier()).toBeNull()
    db.close()
    await store.close()
  })

  it('loads every kill-switch event over several pages, in the order saved, letting the event loop run between', async () => {
    const path = join(dir, 'many-events.db')
    const store = await openStore(`sqlite:${path}`)
    const ids = Array.from({ length: 2_345 }, (_, i) => `e${i}`)
    for (const id of ids) await store.killSwitch.save(anEvent({ id }))
    let ran = false
    setImmediate(() => {
      ran = true
    })
    const { events } = await store.killSwitch.load()
    expect(events.map((e) => e.id)).toEqual(ids)
    expect(ran).toBe(true) // a read in one piece would have resolved before the queued callback ran
    await store.close()
  })

  it('refuses to load a kill-switch row that is not an event (KILL_SWITCH_LOAD_FAILED), and keeps events append-only', async () => {
    const path = join(dir, 'bad-event.db')
    const store = await openStore(`sqlite:${path}`)
    await store.killSwitch.save(anEvent({ id: 'e1' }))
    const db = new Database(path)
    expect(() => db.prepare("UPDATE killswitch_events SET body = '{}'").run()).toThrow(/append-only/)
    expect(() => db.prepare('DELETE FROM killswitch_events').run()).toThrow(/append-only/)
    db.prepare(
      "INSERT INTO killswitch_events (id, at, kind, body) VALUES ('e2', 1, 'resume', '{\"id\":\"e2\"}')",
    ).run()
    db.close()
    await expect(store.killSwitch.load()).rejects.toMatchObject({ code: 'KILL_SWITCH_LOAD_FAILED' })
    await store.close()
  })

  it('refuses to create a missing file when asked to open an existing store', async () => {
    await expect(openStore('sqlite:typo/warden.db', { cwd: dir, mustExist: true })).rejects.toMatchObject({
      code: 'STORE_UNAVAILABLE',
    })
  })

  it('rejects unknown store URLs with STORE_URL_INVALID', async () => {
    await expect(openStore('mysql://x')).rejects.toMatchObject({ code: 'STORE_URL_INVALID' })
    await expect(openStore('sqlite:')).rejects.toMatchObject({ code: 'STORE_URL_INVALID' })
  })
})
