import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import { pgTestUrl } from '../../src/store/postgres/pg-test-url.js'

/** Raw SQL on the store, as an attacker with write access has it (`?` placeholders on both). */
export interface RawDb {
  run(sql: string, ...params: unknown[]): Promise<void>
  get<T>(sql: string, ...params: unknown[]): Promise<T | undefined>
  close(): Promise<void>
}

/** A store under attack: a fresh URL per test, and raw access with the append-only triggers off. */
export interface TamperBackend {
  readonly name: string
  freshUrl(): Promise<string>
  attacker(url: string): Promise<RawDb>
}

const root = mkdtempSync(join(tmpdir(), 'warden-tamper-'))
let n = 0

/** Removes the SQLite files the tests created. */
export function removeTamperFiles(): void {
  rmSync(root, { recursive: true, force: true })
}

export const sqliteBackend: TamperBackend = {
  name: 'SQLite',
  async freshUrl() {
    return `sqlite:${join(root, `t${n++}`, 'warden.db')}`
  },
  async attacker(url) {
    const db = new Database(url.slice('sqlite:'.length))
    const triggers = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as {
      name: string
    }[]
    for (const { name } of triggers) db.exec(`DROP TRIGGER ${name}`)
    return {
      async run(sql, ...params) {
        db.prepare(sql).run(...params)
      },
      async get<T>(sql: string, ...params: unknown[]) {
        return db.prepare(sql).get(...params) as T | undefined
      },
      async close() {
        db.close()
      },
    }
  },
}

/** PostgreSQL as its superuser or table owner: `DISABLE TRIGGER USER` is all it takes. */
export function postgresBackend(base: string): TamperBackend {
  return {
    name: 'PostgreSQL',
    freshUrl: () => pgTestUrl(base),
    async attacker(url) {
      const schema = new URL(url).searchParams.get('schema')
      const client = new pg.Client({ connectionString: base, options: `-c search_path=${schema}` })
      await client.connect()
      for (const table of ['audit_records', 'audit_checkpoints', 'audit_retention']) {
        await client.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`)
      }
      const numbered = (sql: string) => {
        let i = 0
        return sql.replace(/\?/g, () => `$${++i}`)
      }
      return {
        async run(sql, ...params) {
          await client.query(numbered(sql), params)
        },
        async get<T>(sql: string, ...params: unknown[]) {
          return (await client.query(numbered(sql), params)).rows[0] as T | undefined
        },
        async close() {
          await client.end()
        },
      }
    },
  }
}
