import { WardenError } from '../errors/warden-error.js'

/** What an operator (or an escalation) can do to agents; each is one persisted, published event. */
export const KILL_SWITCH_KINDS = [
  'pause',
  'resume',
  'terminate',
  'emergency-stop',
  'emergency-clear',
] as const
export type KillSwitchKind = (typeof KILL_SWITCH_KINDS)[number]

/**
 * One kill-switch state change. `at` is a hybrid logical clock reading (wall clock, but never behind an
 * event this instance has seen), so a resume issued after seeing a pause sorts after it even when the two
 * instances' clocks disagree. `id` makes saving and applying idempotent.
 */
export interface KillSwitchEvent {
  readonly id: string
  readonly kind: KillSwitchKind
  /** Absent for emergency-stop and emergency-clear, which concern every agent. */
  readonly agentId?: string
  readonly reason: string
  readonly actor: string
  readonly at: number
  /** The instance that issued it. */
  readonly origin: string
}

export const MAX_AGENT_ID_LENGTH = 256
export const MAX_REASON_LENGTH = 2_000
const CONTROL = /[\u0000-\u001f\u007f]/

/** Throws KILL_SWITCH_INVALID unless `agentId` is a usable agent id. */
export function checkAgentId(agentId: string): string {
  if (
    typeof agentId !== 'string' ||
    agentId === '' ||
    agentId.length > MAX_AGENT_ID_LENGTH ||
    CONTROL.test(agentId)
  ) {
    throw new WardenError(
      'KILL_SWITCH_INVALID',
      `agent id must be 1–${MAX_AGENT_ID_LENGTH} printable characters`,
    )
  }
  return agentId
}

/** Throws KILL_SWITCH_INVALID unless `text` is a non-empty reason (incidents must say why). */
export function checkText(what: 'reason' | 'actor', text: string): string {
  if (typeof text !== 'string' || text.trim() === '' || text.length > MAX_REASON_LENGTH) {
    throw new WardenError(
      'KILL_SWITCH_INVALID',
      `${what} must be 1–${MAX_REASON_LENGTH} characters, not blank`,
    )
  }
  return text
}

const RANK: Readonly<Record<KillSwitchKind, number>> = {
  'emergency-clear': 0,
  'emergency-stop': 1,
  resume: 0,
  pause: 1,
  terminate: 2,
}

/**
 * Total order of events on one agent (or on the emergency flag): later clock first, then the more
 * restrictive kind (a pause and a resume at the same instant leave the agent paused), then the id.
 * Every instance that has seen the same events reaches the same state, whatever order they arrived in.
 */
export function compareEvents(a: KillSwitchEvent, b: KillSwitchEvent): number {
  return a.at - b.at || RANK[a.kind] - RANK[b.kind] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

/**
 * Reads an event from untrusted input (the bus, a file) or returns undefined. Whoever can write to the
 * broker can send anything; only well-formed events reach the state.
 */
export function parseKillSwitchEvent(value: unknown): KillSwitchEvent | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const v = value as Record<string, unknown>
  const { id, kind, agentId, reason, actor, at, origin } = v
  if (typeof id !== 'string' || id === '' || id.length > 128) return undefined
  if (typeof kind !== 'string' || !(KILL_SWITCH_KINDS as readonly string[]).includes(kind)) return undefined
  if (typeof reason !== 'string' || reason.length > MAX_REASON_LENGTH) return undefined
  if (typeof actor !== 'string' || actor.length > MAX_REASON_LENGTH) return undefined
  if (typeof at !== 'number' || !Number.isSafeInteger(at) || at < 0) return undefined
  if (typeof origin !== 'string' || origin.length > 128) return undefined
  const global = kind === 'emergency-stop' || kind === 'emergency-clear'
  if (global) {
    if (agentId !== undefined) return undefined
    return { id, kind: kind as KillSwitchKind, reason, actor, at, origin }
  }
  if (
    typeof agentId !== 'string' ||
    agentId === '' ||
    agentId.length > MAX_AGENT_ID_LENGTH ||
    CONTROL.test(agentId)
  ) {
    return undefined
  }
  return { id, kind: kind as KillSwitchKind, agentId, reason, actor, at, origin }
}
