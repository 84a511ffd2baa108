import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { WardenError } from '../../errors/warden-error.js'
import { openStore } from '../open-store.js'
import { aRow } from '../store-contract.js'

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
