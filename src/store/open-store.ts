import { isAbsolute, join } from 'node:path'
import { WardenError } from '../errors/warden-error.js'
import { memoryStore } from './memory/memory-store.js'
import { postgresStore } from './postgres/postgres-store.js'
import { sqliteStore } from './sqlite/sqlite-store.js'
import type { Store } from './store.js'

/**
 * Opens the store a URL names: `sqlite:PATH` (relative to `cwd`), `postgres://…` / `postgresql://…`,
 * or `memory:`. Migrations run on open; a schema newer than this binary is refused.
 *
 * @example
 * const store = await openStore('sqlite:.warden/warden.db', { cwd: process.cwd() })
 */
export async function openStore(url: string, options: { cwd?: string } = {}): Promise<Store> {
  if (url === 'memory:') return memoryStore()
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length)
    if (path === '')
      throw new WardenError('STORE_URL_INVALID', 'sqlite: needs a path, e.g. sqlite:.warden/warden.db')
    if (path === ':memory:') return sqliteStore(path)
    return sqliteStore(isAbsolute(path) ? path : join(options.cwd ?? process.cwd(), path))
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
