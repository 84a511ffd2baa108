import { readFile, rename } from 'node:fs/promises'
import { join } from 'node:path'
import { WardenError } from '../errors/warden-error.js'
import { stateFolderFor } from '../store/state-folder.js'
import type { Store } from '../store/store.js'
import { type KillSwitchEvent, parseKillSwitchEvent } from './event.js'
import { parseIncident } from './incident-store.js'

/**
 * Where Warden before store migration 3 kept kill-switch state and incidents as JSON Lines: beside the
 * SQLite store file when the store is `sqlite:PATH` (so `.warden/killswitch.jsonl` by default), else in
 * `.warden/` under `cwd`.
 */
export function legacyKillSwitchFilesFor(
  storeUrl: string,
  cwd: string,
): { events: string; incidents: string } {
  const folder = stateFolderFor(storeUrl, cwd)
  return { events: join(folder, 'killswitch.jsonl'), incidents: join(folder, 'incidents.jsonl') }
}

/**
 * Copies those files into the store once, then renames them `*.imported`; returns how many events and
 * incidents it read. Without this an upgrade would
 * forget which agents were paused or terminated. Saves are idempotent by id, so two processes importing
 * at once, or an import cut short and repeated, leave each event once. A line of `killswitch.jsonl` that
 * does not parse fails (KILL_SWITCH_LOAD_FAILED), except an unterminated last line (a write cut short by
 * a crash, never acknowledged); a bad incident line is skipped. In-memory stores import nothing.
 */
export async function importLegacyKillSwitchFiles(
  store: Store,
  storeUrl: string,
  cwd: string,
): Promise<{ events: number; incidents: number }> {
  // A store that forgets on exit must not take the files with it.
  if (store.kind === 'memory' || storeUrl === 'sqlite::memory:') return { events: 0, incidents: 0 }
  const files = legacyKillSwitchFilesFor(storeUrl, cwd)
  let events = 0
  let incidents = 0
  const eventText = await readIfPresent(files.events, 'KILL_SWITCH_LOAD_FAILED')
  if (eventText !== undefined) {
    const parsed = parseEventLines(eventText, files.events)
    for (const event of parsed) await store.killSwitch.save(event)
    events = parsed.length
    await markImported(files.events)
  }
  const incidentText = await readIfPresent(files.incidents, 'INCIDENT_LOG_FAILED')
  if (incidentText !== undefined) {
    for (const line of incidentText.split('\n')) {
      const incident = parseIncident(line)
      if (incident === undefined) continue
      await store.incidents.record(incident)
      incidents += 1
    }
    await markImported(files.incidents)
  }
  return { events, incidents }
}

function parseEventLines(text: string, path: string): KillSwitchEvent[] {
  const lines = text.split('\n')
  const torn = lines.pop()
  const events: KillSwitchEvent[] = []
  lines.forEach((line, i) => {
    if (line.trim() === '') return
    const event = parseLine(line)
    if (event === undefined)
      throw new WardenError('KILL_SWITCH_LOAD_FAILED', `${path}:${i + 1}: not a kill-switch event`)
    events.push(event)
  })
  const last = torn === undefined ? undefined : parseLine(torn)
  if (last !== undefined) events.push(last)
  return events
}

function parseLine(line: string): KillSwitchEvent | undefined {
  try {
    return parseKillSwitchEvent(JSON.parse(line))
  } catch {
    return undefined
  }
}

async function readIfPresent(path: string, code: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new WardenError(code, `cannot read ${path}: ${(error as Error).message}`)
  }
}

/** Renames the file; ENOENT means another importer got there first. */
async function markImported(path: string): Promise<void> {
  try {
    await rename(path, `${path}.imported`)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
    throw new WardenError('KILL_SWITCH_LOAD_FAILED', `cannot rename ${path}: ${(error as Error).message}`)
  }
}
