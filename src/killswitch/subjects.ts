import { subjectToken } from '../bus/subject.js'
import type { KillSwitchEvent } from './event.js'

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
