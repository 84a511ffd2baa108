import { compareEvents, type KillSwitchEvent } from './event.js'

export type AgentState = 'active' | 'paused' | 'terminated'

/** One agent as the kill switch sees it (agents never paused are `active` with no reason). */
export interface AgentStatus {
  readonly agentId: string
  readonly state: AgentState
  /** An emergency stop is in force: the agent is denied whatever its own state. */
  readonly emergencyStop: boolean
  readonly reason?: string
  readonly actor?: string
  /** When the state was set (ms since the epoch, the event's clock). */
  readonly since?: number
}

export interface EmergencyStatus {
  readonly active: boolean
  readonly reason?: string
  readonly actor?: string
  readonly since?: number
}

/** The deny an agent's state implies, or undefined when the state admits it. */
export interface StateDenial {
  readonly code: 'AGENT_TERMINATED' | 'EMERGENCY_STOP' | 'AGENT_PAUSED'
  readonly reason: string
}

/** What applying one event did. */
export interface Applied {
  /** False for an event already applied (same id): nothing else happened. */
  readonly fresh: boolean
  /** True when the agent's (or the emergency flag's) effective state changed. */
  readonly changed: boolean
  /** True when this event terminated an agent that was not terminated before. */
  readonly terminated: boolean
}

/**
 * The pure core of the kill switch: events in, state out, no I/O. The result depends only on the set
 * of events applied, not on their order (see compareEvents), and termination is final: no later event
 * takes an agent out of it. Lookups are one Map read, for the per-action admission check.
 */
export class KillSwitchState {
  readonly #agents = new Map<string, { state: AgentState; event: KillSwitchEvent }>()
  readonly #seen = new Set<string>()
  #emergency: KillSwitchEvent | undefined
  #clock = 0

  apply(event: KillSwitchEvent): Applied {
    if (this.#seen.has(event.id)) return { fresh: false, changed: false, terminated: false }
    this.#seen.add(event.id)
    if (event.at > this.#clock) this.#clock = event.at
    if (event.agentId === undefined) {
      if (this.#emergency !== undefined && compareEvents(event, this.#emergency) <= 0) return STALE
      const before = this.#emergency?.kind === 'emergency-stop'
      this.#emergency = event
      return { fresh: true, changed: before !== (event.kind === 'emergency-stop'), terminated: false }
    }
    const current = this.#agents.get(event.agentId)
    if (current?.state === 'terminated') {
      // The earliest termination is the one on record, so every instance shows the same reason.
      if (event.kind === 'terminate' && compareEvents(event, current.event) < 0) {
        this.#agents.set(event.agentId, { state: 'terminated', event })
      }
      return STALE
    }
    const next: AgentState =
      event.kind === 'terminate' ? 'terminated' : event.kind === 'pause' ? 'paused' : 'active'
    if (next !== 'terminated' && current !== undefined && compareEvents(event, current.event) <= 0)
      return STALE
    this.#agents.set(event.agentId, { state: next, event })
    return { fresh: true, changed: (current?.state ?? 'active') !== next, terminated: next === 'terminated' }
  }

  /** True when the event's id was applied already. */
  has(eventId: string): boolean {
    return this.#seen.has(eventId)
  }

  /** The deny for an agent, most final first: terminated, then emergency stop, then paused. */
  denial(agentId: string): StateDenial | undefined {
    const record = this.#agents.get(agentId)
    if (record?.state === 'terminated') {
      return { code: 'AGENT_TERMINATED', reason: `agent ${agentId} was terminated: ${record.event.reason}` }
    }
    const emergency = this.#emergency
    if (emergency?.kind === 'emergency-stop') {
      return { code: 'EMERGENCY_STOP', reason: `emergency stop in force: ${emergency.reason}` }
    }
    if (record?.state === 'paused') {
      return { code: 'AGENT_PAUSED', reason: `agent ${agentId} is paused: ${record.event.reason}` }
    }
    return undefined
  }

  status(agentId: string): AgentStatus {
    const record = this.#agents.get(agentId)
    const emergencyStop = this.#emergency?.kind === 'emergency-stop'
    if (record === undefined) return { agentId, state: 'active', emergencyStop }
    const { reason, actor, at } = record.event
    return { agentId, state: record.state, emergencyStop, reason, actor, since: at }
  }

  /** Every agent with a recorded state change, sorted by id. */
  agents(): AgentStatus[] {
    return [...this.#agents.keys()].sort().map((id) => this.status(id))
  }

  emergency(): EmergencyStatus {
    const e = this.#emergency
    if (e === undefined) return { active: false }
    return { active: e.kind === 'emergency-stop', reason: e.reason, actor: e.actor, since: e.at }
  }

  /** A clock reading for a new event: the wall clock, but after every event seen (a hybrid logical clock). */
  tick(nowMs: number): number {
    this.#clock = Math.max(nowMs, this.#clock + 1)
    return this.#clock
  }
}

const STALE: Applied = Object.freeze({ fresh: true, changed: false, terminated: false })
