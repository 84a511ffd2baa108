import { dirname, isAbsolute, join } from 'node:path'

/**
 * The folder that holds a store's side files (pins.json, legacy kill-switch files): beside the SQLite file,
 * else `.warden/` under `cwd` (PostgreSQL, memory, `sqlite::memory:`).
 *
 * @example
 * stateFolderFor('sqlite:.warden/warden.db', '/srv') // '/srv/.warden'
 */
export function stateFolderFor(storeUrl: string, cwd: string): string {
  if (storeUrl.startsWith('sqlite:')) {
    const file = storeUrl.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '')
    if (file !== '' && file !== ':memory:') return dirname(isAbsolute(file) ? file : join(cwd, file))
  }
  return join(cwd, '.warden')
}
