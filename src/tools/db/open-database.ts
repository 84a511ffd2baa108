import { isAbsolute, resolve } from 'node:path'
import { WardenError } from '../../errors/warden-error.js'
import { openPostgresDatabase } from './postgres-database.js'
import type { SqlDatabase } from './sql-database.js'
import { openSqliteDatabase } from './sqlite-database.js'

/**
 * Opens `governed.db.url`: `sqlite:PATH` (relative to `cwd`; the file must exist) or `postgres://…`.
 *
 * @example openDatabase('sqlite:./sandbox/shop.db', process.cwd())
 */
export function openDatabase(url: string, cwd: string): SqlDatabase {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length)
    if (path === '' || path === ':memory:') {
      throw new WardenError('TOOL_DB_UNAVAILABLE', 'governed.db.url sqlite: needs a file path')
    }
    return openSqliteDatabase(isAbsolute(path) ? path : resolve(cwd, path))
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return openPostgresDatabase(url)
  throw new WardenError('TOOL_DB_UNAVAILABLE', 'governed.db.url must be sqlite:PATH or postgres://…')
}
