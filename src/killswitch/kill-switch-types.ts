import type { Bus } from '../bus/bus.js'
import type { KillSwitchEvent } from './event.js'
import type { Incident, IncidentSink } from './incident.js'
import type { KillSwitchRepository } from './repository.js'

/** What AgentKillSwitch.open takes; timings default from KILL_SWITCH_DEFAULTS. */
export interface KillSwitchOptions {
  readonly bus: Bus
  readonly repository: KillSwitchRepository
  readonly incidents: IncidentSink
  /** How long the bus may stay silent before every action is denied (KILL_SWITCH_UNAVAILABLE). */
  readonly leaseMs?: number
  /** Tells the security team about an emergency stop; overrides `alertWebhookUrl`. */
  readonly alert?: (incident: Incident) => Promise<void>
  /** POSTs the emergency-stop incident as JSON here (see webhookAlert). */
  readonly alertWebhookUrl?: string
  readonly alertTimeoutMs?: number
  /** Revokes the agent's permissions and keys, cancels its approvals, closes its sessions; runs on every instance. */
  readonly onTerminate?: (agentId: string) => Promise<void>
  /** Budget for persisting one event; past it a stop is still published (KILL_SWITCH_PERSIST_FAILED). */
  readonly persistTimeoutMs?: number
  /** How often the persisted state is re-read to catch events the bus lost. */
  readonly resyncMs?: number
  /**
   * A secret (≥ 32 characters) shared by every instance and the CLI: events are signed with it, and
   * events arriving without a valid signature are dropped. Unset, any well-formed event is applied.
   */
  readonly busKey?: string
}

/** The answer of the per-action check. */
export type Admission =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: string; readonly reason: string }

/** A state change this instance applied: its own (`local`), from another instance, or found in the store. */
export interface KillSwitchChange {
  readonly event: KillSwitchEvent
  readonly source: 'local' | 'bus' | 'store'
  /** False when the event was older than the state it met (it lost under last-writer-wins). */
  readonly changed: boolean
}
