import { WardenError } from '../errors/warden-error.js'
import { type KillSwitchEvent, parseKillSwitchEvent } from '../killswitch/event.js'

/**
 * A stored kill-switch event, checked field by field. A row that does not parse fails the load
 * (KILL_SWITCH_LOAD_FAILED): starting with an unknown state could un-pause an agent.
 */
export function eventFromRow(row: { id: string; body: string }): KillSwitchEvent {
  let event: KillSwitchEvent | undefined
  try {
    event = parseKillSwitchEvent(JSON.parse(row.body))
  } catch {
    event = undefined
  }
  if (event === undefined || event.id !== row.id) {
    throw new WardenError(
      'KILL_SWITCH_LOAD_FAILED',
      `killswitch_events row ${JSON.stringify(row.id)}: not a kill-switch event`,
    )
  }
  return event
}

/**
 * Runs one store call, turning whatever it throws into a coded error (`what: cause`): the kill switch
 * and the incident API fail closed on the code, not on a driver's message.
 */
export async function codedStoreCall<T>(code: string, what: string, run: () => T | Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    throw new WardenError(code, `${what}: ${(error as Error).message}`)
  }
}
