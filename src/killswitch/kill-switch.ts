import type { Bus, BusMessage } from '../bus/bus.js'
import { WardenError } from '../errors/warden-error.js'
import { KILL_SWITCH_DEFAULTS } from './defaults.js'
import { checkAgentId, checkText, type KillSwitchEvent } from './event.js'
import { checkBusKey } from './event-signature.js'
import type { Incident } from './incident.js'
import { IncidentReporter } from './incident-reporter.js'
import { type IssueContext, issueEvent } from './issue-event.js'
import type { Admission, KillSwitchChange, KillSwitchOptions } from './kill-switch-types.js'
import { LeaseGuard } from './lease-guard.js'
import { type KillSwitchRepository, type StoredEvents, summaryOf } from './repository.js'
import { type AgentStatus, type EmergencyStatus, KillSwitchState } from './state.js'
import { webhookAlert } from './webhook-alert.js'
import { fromPayload, KILL_SWITCH_SUBJECTS } from './wire.js'

export type { Admission, KillSwitchChange, KillSwitchOptions } from './kill-switch-types.js'

const ADMIT: Admission = Object.freeze({ ok: true })
const UNAVAILABLE = 'KILL_SWITCH_UNAVAILABLE'

/**
 * The seed's AgentKillSwitch: pause, resume, terminate, emergency stop (docs/killswitch.md). State is
 * persisted before it is published; every instance applies what arrives on the bus and re-reads the store,
 * and `admit` answers per action from memory. An instance whose bus has been silent past the lease fails
 * closed until it has reconnected and reloaded the persisted state.
 *
 * @example
 * const ks = await AgentKillSwitch.open({ bus, repository, incidents })
 * await ks.pause('reporter', 'reading files it never reads')
 * ks.admit('reporter') // { ok: false, code: 'AGENT_PAUSED', reason: 'agent reporter is paused: …' }
 */
export class AgentKillSwitch {
  readonly #state = new KillSwitchState()
  readonly #bus: Bus
  readonly #repository: KillSwitchRepository
  // What the last full load returned (undefined until the first).
  #stored: StoredEvents | undefined
  readonly #lease: LeaseGuard
  readonly #alert: ((incident: Incident) => Promise<void>) | undefined
  readonly #onTerminate: ((agentId: string) => Promise<void>) | undefined
  readonly #listeners = new Set<(change: KillSwitchChange) => void>()
  readonly #reporter: IncidentReporter
  readonly #unsubscribe: (() => Promise<void>)[] = []
  readonly #busKey: string | undefined
  readonly #context: IssueContext
  #rejected = 0
  #opened = false
  #closed = false

  private constructor(options: KillSwitchOptions) {
    this.#bus = options.bus
    this.#reporter = new IncidentReporter(options.incidents, options.bus.origin)
    this.#repository = options.repository
    const timeoutMs = positive(
      'alertTimeoutMs',
      options.alertTimeoutMs ?? KILL_SWITCH_DEFAULTS.alertTimeoutMs,
    )
    this.#alert =
      options.alert ??
      (options.alertWebhookUrl === undefined
        ? undefined
        : webhookAlert(options.alertWebhookUrl, { timeoutMs }))
    this.#onTerminate = options.onTerminate
    this.#busKey = options.busKey === undefined ? undefined : checkBusKey(options.busKey)
    this.#lease = new LeaseGuard(
      options.bus,
      positive('leaseMs', options.leaseMs ?? KILL_SWITCH_DEFAULTS.leaseMs),
      positive('resyncMs', options.resyncMs ?? KILL_SWITCH_DEFAULTS.resyncMs),
      () => this.#resync(),
      this.#reporter,
    )
    this.#context = {
      state: this.#state,
      repository: this.#repository,
      bus: this.#bus,
      busKey: this.#busKey,
      reporter: this.#reporter,
      persistTimeoutMs: positive(
        'persistTimeoutMs',
        options.persistTimeoutMs ?? KILL_SWITCH_DEFAULTS.persistTimeoutMs,
      ),
      apply: (event) => this.#ingest(event, 'local'),
    }
  }

  /**
   * Subscribes first, then reads the persisted state (so nothing published in between is missed), then
   * starts the lease watch. Throws KILL_SWITCH_LOAD_FAILED when the store cannot be read: a gateway that
   * does not know which agents are stopped must not start.
   */
  static async open(options: KillSwitchOptions): Promise<AgentKillSwitch> {
    const ks = new AgentKillSwitch(options)
    try {
      for (const subject of KILL_SWITCH_SUBJECTS) {
        ks.#unsubscribe.push(await ks.#bus.subscribe(subject, (message) => ks.#onMessage(message)))
      }
      await ks.#resync()
    } catch (error) {
      await ks.close()
      throw error instanceof WardenError
        ? error
        : new WardenError(
            'KILL_SWITCH_LOAD_FAILED',
            `kill switch could not start: ${(error as Error).message}`,
          )
    }
    ks.#opened = true
    ks.#lease.start()
    return ks
  }

  /**
   * The per-action check (the gate stage): O(1), no I/O. Denies AGENT_TERMINATED, EMERGENCY_STOP,
   * AGENT_PAUSED, and KILL_SWITCH_UNAVAILABLE while the bus has been silent past the lease.
   */
  admit(agentId: string, nowMs: number = Date.now()): Admission {
    const denial = this.#state.denial(agentId)
    if (denial !== undefined) return { ok: false, code: denial.code, reason: denial.reason }
    if (this.#closed)
      return { ok: false, code: UNAVAILABLE, reason: 'the kill switch is closed; denied (fail closed)' }
    if (!this.#lease.blocks(nowMs)) return ADMIT
    return {
      ok: false,
      code: UNAVAILABLE,
      reason: `the kill-switch bus has been unreachable past its ${this.#lease.leaseMs} ms lease; denied (fail closed)`,
    }
  }

  /** Stops the agent taking new actions until resumed. Refused (KILL_SWITCH_TERMINATED_FINAL) once terminated. */
  async pause(agentId: string, reason: string, actor = 'operator'): Promise<AgentStatus> {
    this.#assertValid(reason, actor, agentId)
    this.#assertNotTerminated(agentId)
    await issueEvent(this.#context, { kind: 'pause', incidentKind: 'paused', reason, actor, agentId })
    return this.#state.status(agentId)
  }

  /** Lets a paused agent act again. Refused (KILL_SWITCH_TERMINATED_FINAL) once terminated. */
  async resume(agentId: string, reason: string, actor = 'operator'): Promise<AgentStatus> {
    this.#assertValid(reason, actor, agentId)
    this.#assertNotTerminated(agentId)
    await issueEvent(this.#context, { kind: 'resume', incidentKind: 'resumed', reason, actor, agentId })
    return this.#state.status(agentId)
  }

  /**
   * Terminates the agent for good and runs onTerminate here (every other instance runs it on receipt).
   * Terminating a terminated agent changes nothing.
   */
  async terminate(agentId: string, reason: string, actor = 'operator'): Promise<AgentStatus> {
    this.#assertValid(reason, actor, agentId)
    if (this.#state.status(agentId).state === 'terminated') return this.#state.status(agentId)
    const after = () => this.#runTerminateHook(agentId, true)
    await issueEvent(this.#context, {
      kind: 'terminate',
      incidentKind: 'terminated',
      reason,
      actor,
      agentId,
      after,
    })
    return this.#state.status(agentId)
  }

  /** Pauses every agent, seen or not, and alerts the security team without waiting for the alert. */
  async emergencyStop(reason: string, actor = 'operator'): Promise<EmergencyStatus> {
    this.#assertValid(reason, actor)
    const after = async (incident: Incident) => {
      if (this.#alert !== undefined) this.#reporter.track(this.#sendAlert(this.#alert, incident))
    }
    await issueEvent(this.#context, {
      kind: 'emergency-stop',
      incidentKind: 'emergency-stop',
      reason,
      actor,
      after,
    })
    return this.#state.emergency()
  }

  /** Lifts the emergency stop; agents paused one by one stay paused. */
  async clearEmergency(reason: string, actor = 'operator'): Promise<EmergencyStatus> {
    this.#assertValid(reason, actor)
    await issueEvent(this.#context, {
      kind: 'emergency-clear',
      incidentKind: 'emergency-cleared',
      reason,
      actor,
    })
    return this.#state.emergency()
  }

  status(agentId: string): AgentStatus {
    return this.#state.status(agentId)
  }

  /** Every agent with a recorded state change (GET /api/agents joins this with the configured agents). */
  list(): AgentStatus[] {
    return this.#state.agents()
  }

  emergency(): EmergencyStatus {
    return this.#state.emergency()
  }

  /** Events dropped from the bus for a missing or wrong signature (with `busKey`), for metrics. */
  get rejectedEvents(): number {
    return this.#rejected
  }

  /** Calls `listener` after every state change applied here; returns the function that stops it. */
  onChange(listener: (change: KillSwitchChange) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** Stops listening and watching, and waits (bounded) for alerts and hooks in flight. The bus stays open. */
  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    this.#lease.stop()
    await Promise.allSettled(this.#unsubscribe.map((u) => u()))
    await this.#reporter.drain(KILL_SWITCH_DEFAULTS.closeWaitMs)
  }

  /** Applies an event from anywhere; persists what came over the bus so a restart here keeps it. */
  #ingest(event: KillSwitchEvent, source: KillSwitchChange['source']): void {
    const applied = this.#state.apply(event)
    if (!applied.fresh) return
    if (source === 'bus')
      this.#reporter.track(
        this.#repository.save(event).catch((e) => this.#reporter.report('persist-failed', e)),
      )
    if (applied.terminated && source !== 'local' && this.#opened && event.agentId !== undefined) {
      this.#reporter.track(this.#runTerminateHook(event.agentId, false).catch(() => undefined))
    }
    const change: KillSwitchChange = { event, source, changed: applied.changed }
    for (const listener of this.#listeners) {
      try {
        listener(change)
      } catch {
        // A listener's failure must not stop the state change reaching the others.
      }
    }
  }

  #onMessage(message: BusMessage): void {
    if (this.#closed) return
    const event = fromPayload(message.payload, this.#busKey)
    if (event === 'rejected') this.#rejected += 1
    else if (event !== undefined) this.#ingest(event, 'bus')
  }

  // Every resyncMs and after a bus outage. The store is append-only, so an unchanged count and newest time
  // mean no event is stored that the last load did not return: the full read (grows with history) is skipped.
  async #resync(): Promise<void> {
    const last = this.#stored
    if (last !== undefined) {
      const now = await this.#repository.summary()
      if (now.count === last.count && now.newestAt === last.newestAt) return
    }
    const snapshot = await this.#repository.load()
    for (const event of snapshot.events) this.#ingest(event, 'store')
    this.#stored = summaryOf(snapshot.events)
  }

  async #runTerminateHook(agentId: string, local: boolean): Promise<void> {
    if (this.#onTerminate === undefined) return
    try {
      await this.#onTerminate(agentId)
    } catch (error) {
      this.#reporter.report('terminate-hook-failed', error, agentId)
      if (local)
        throw new WardenError(
          'KILL_SWITCH_HOOK_FAILED',
          `agent ${agentId} is terminated, but onTerminate failed: ${String(error)}`,
        )
    }
  }

  async #sendAlert(alert: (incident: Incident) => Promise<void>, incident: Incident): Promise<void> {
    try {
      await alert(incident)
    } catch (error) {
      this.#reporter.report('alert-failed', error)
    }
  }

  #assertValid(reason: string, actor: string, agentId?: string): void {
    this.#assertOpen()
    if (agentId !== undefined) checkAgentId(agentId)
    checkText('reason', reason)
    checkText('actor', actor)
  }

  #assertNotTerminated(agentId: string): void {
    if (this.#state.status(agentId).state !== 'terminated') return
    throw new WardenError(
      'KILL_SWITCH_TERMINATED_FINAL',
      `agent ${agentId} is terminated; that cannot be undone`,
    )
  }

  #assertOpen(): void {
    if (this.#closed) throw new WardenError('KILL_SWITCH_CLOSED', 'the kill switch is closed')
  }
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0)
    throw new WardenError('KILL_SWITCH_INVALID', `${name} must be > 0 ms`)
  return value
}
