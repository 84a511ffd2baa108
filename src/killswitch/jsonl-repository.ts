import { readFile } from 'node:fs/promises'
import { WardenError } from '../errors/warden-error.js'
import { appendLine } from './append-line.js'
import { type KillSwitchEvent, parseKillSwitchEvent } from './event.js'
import type { KillSwitchRepository, KillSwitchSnapshot } from './repository.js'

/**
 * Kill-switch events as JSON Lines in one append-only file (by default `.warden/killswitch.jsonl`, next to
 * the SQLite store). Appends are atomic per line, so the CLI and a running gateway may share the file.
 *
 * @example
 * const repository = new JsonlKillSwitchRepository(killSwitchFileFor(storeUrl, cwd))
 */
export class JsonlKillSwitchRepository implements KillSwitchRepository {
  readonly path: string

  constructor(path: string) {
    this.path = path
  }

  /**
   * Reads every event. A missing file is an empty history; a line that does not parse fails the load
   * (KILL_SWITCH_LOAD_FAILED): starting with an unknown state could un-pause an agent. The one exception
   * is an unterminated last line that does not parse: a write cut short by a crash, never acknowledged.
   */
  async load(): Promise<KillSwitchSnapshot> {
    let text: string
    try {
      text = await readFile(this.path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { events: [] }
      throw new WardenError(
        'KILL_SWITCH_LOAD_FAILED',
        `cannot read ${this.path}: ${(error as Error).message}`,
      )
    }
    const lines = text.split('\n')
    const torn = lines.pop()
    const events = new Map<string, KillSwitchEvent>()
    lines.forEach((line, i) => {
      if (line.trim() === '') return
      const event = parseLine(line)
      if (event === undefined) {
        throw new WardenError('KILL_SWITCH_LOAD_FAILED', `${this.path}:${i + 1}: not a kill-switch event`)
      }
      events.set(event.id, event)
    })
    const last = torn === undefined ? undefined : parseLine(torn)
    if (last !== undefined) events.set(last.id, last)
    return { events: [...events.values()] }
  }

  async save(event: KillSwitchEvent): Promise<void> {
    try {
      await appendLine(this.path, JSON.stringify(event))
    } catch (error) {
      throw new WardenError(
        'KILL_SWITCH_PERSIST_FAILED',
        `cannot write ${this.path}: ${(error as Error).message}`,
      )
    }
  }
}

function parseLine(line: string): KillSwitchEvent | undefined {
  try {
    return parseKillSwitchEvent(JSON.parse(line))
  } catch {
    return undefined
  }
}
