import { dirname, isAbsolute, join } from 'node:path'

/**
 * Where the file-backed kill switch keeps its state and incidents: beside the SQLite store file when the
 * store is `sqlite:PATH` (so `.warden/killswitch.jsonl` by default), else in `.warden/` under `cwd`.
 */
export function killSwitchFilesFor(storeUrl: string, cwd: string): { events: string; incidents: string } {
  let folder = join(cwd, '.warden')
  if (storeUrl.startsWith('sqlite:')) {
    const file = storeUrl.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '')
    if (file !== '' && file !== ':memory:') folder = dirname(isAbsolute(file) ? file : join(cwd, file))
  }
  return { events: join(folder, 'killswitch.jsonl'), incidents: join(folder, 'incidents.jsonl') }
}
