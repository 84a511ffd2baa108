import { existsSync } from 'node:fs'
import { isAbsolute, join } from 'node:path'
import { WardenError } from '../errors/warden-error.js'
import { memoryStore } from './memory/memory-store.js'
import { postgresStore } from './postgres/postgres-store.js'
import { sqliteStore } from './sqlite/sqlite-store.js'
import type { Store } from './store.js'

/**
 * Opens the store a URL names: `sqlite:PATH` (relative to `cwd`), `postgres://…` / `postgresql://…`,
 * or `memory:`. Migrations run on open; a schema newer than this binary is refused. `mustExist`
 * refuses to create a missing SQLite file (for commands that only read). `auditWriter` is passed to a
 * SQLite store (see SqliteStoreOptions: `inline` by default, `thread` for the gateway).
 *
 * @example
 * const store = await openStore('sqlite:.warden/warden.db', { cwd: process.cwd() })
 */
export async function openStore(
  url: string,
  options: { cwd?: string; mustExist?: boolean; auditWriter?: 'inline' | 'thread' } = {},
): Promise<Store> {
  if (url === 'memory:') return memoryStore()
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length)
    if (path === '')
      throw new WardenError('STORE_URL_INVALID', 'sqlite: needs a path, e.g. sqlite:.warden/warden.db')
    if (path === ':memory:') return sqliteStore(path)
    const file = isAbsolute(path) ? path : join(options.cwd ?? process.cwd(), path)
    // A mistyped path must not verify as an empty, untouched log.
    if (options.mustExist === true && !existsSync(file))
      throw new WardenError('STORE_UNAVAILABLE', `no store at ${file}`)
    return sqliteStore(file, options.auditWriter === undefined ? {} : { auditWriter: options.auditWriter })
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return postgresStore(url)
  throw new WardenError(
    'STORE_URL_INVALID',
    `unknown store URL ${JSON.stringify(redactUrl(url))}: use sqlite:PATH, postgres://… or memory:`,
  )
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@')
}
