import type { BusPayload } from '../bus/bus.js'
import { subjectToken } from '../bus/subject.js'
import { type KillSwitchEvent, parseKillSwitchEvent } from './event.js'
import { signEvent, verifyEvent } from './event-signature.js'

/**
 * Kill-switch subjects: `agent.<id>.<pause|resume|terminate>` and `agents.<emergency-stop|emergency-clear>`.
 * The agent id is percent-encoded into one token (subjectToken), so an id such as `*` or `a.b` cannot
 * reach other agents' subscribers; receivers read the id from the event, never from the subject.
 */
export const KILL_SWITCH_SUBJECTS = ['agent.*.*', 'agents.*'] as const

export function subjectFor(event: KillSwitchEvent): string {
  return event.agentId === undefined
    ? `agents.${event.kind}`
    : `agent.${subjectToken(event.agentId)}.${event.kind}`
}

/** The bus payload of an event: `{event}`, or `{event, mac}` when instances share a bus key. */
export function toPayload(event: KillSwitchEvent, busKey: string | undefined): BusPayload {
  return busKey === undefined ? { event } : { event, mac: signEvent(event, busKey) }
}

/**
 * The event a bus payload carries: `undefined` when malformed, `'rejected'` when a bus key is set and
 * the signature is missing or wrong.
 */
export function fromPayload(
  payload: BusPayload,
  busKey: string | undefined,
): KillSwitchEvent | 'rejected' | undefined {
  const event = parseKillSwitchEvent(payload['event'])
  if (event === undefined) return undefined
  if (busKey !== undefined && !verifyEvent(event, payload['mac'], busKey)) return 'rejected'
  return event
}
