import { randomUUID } from 'node:crypto'
import type { Bus } from '../bus/bus.js'
import { withTimeout } from '../core/with-timeout.js'
import { WardenError } from '../errors/warden-error.js'
import type { KillSwitchEvent, KillSwitchKind } from './event.js'
import type { Incident, IncidentKind } from './incident.js'
import type { IncidentReporter } from './incident-reporter.js'
import type { KillSwitchRepository } from './repository.js'
import type { KillSwitchState } from './state.js'
import { subjectFor, toPayload } from './wire.js'

/** What issuing an event touches; the kill switch hands over its own. */
export interface IssueContext {
  readonly state: KillSwitchState
  readonly repository: KillSwitchRepository
  readonly bus: Bus
  readonly busKey: string | undefined
  readonly reporter: IncidentReporter
  /** Past this a save counts as failed (it may still land later: a late resume is the benign direction). */
  readonly persistTimeoutMs: number
  /** Applies the event to this instance's state (and tells listeners). */
  readonly apply: (event: KillSwitchEvent) => void
}

export interface IssueRequest {
  readonly kind: KillSwitchKind
  readonly incidentKind: IncidentKind
  readonly reason: string
  readonly actor: string
  readonly agentId?: string
  /** Runs after the incident is recorded (terminate hook, alert); a throw becomes KILL_SWITCH_HOOK_FAILED. */
  readonly after?: (incident: Incident) => Promise<void>
}

const RESTRICTIVE = new Set<KillSwitchKind>(['pause', 'terminate', 'emergency-stop'])

/**
 * The order of one state change (docs/killswitch.md). A stop takes effect here before any I/O and is
 * still published when persisting fails: stopping everywhere matters more than remembering it. A resume
 * or clear takes effect only once persisted. Either way the event is persisted before it is published;
 * the incident is recorded whatever failed, and the first failure is thrown last.
 */
export async function issueEvent(ctx: IssueContext, request: IssueRequest): Promise<void> {
  const { kind, incidentKind, reason, actor, agentId, after } = request
  const base = {
    id: randomUUID(),
    kind,
    reason,
    actor,
    at: ctx.state.tick(Date.now()),
    origin: ctx.bus.origin,
  }
  const event: KillSwitchEvent = agentId === undefined ? base : { ...base, agentId }
  const restrictive = RESTRICTIVE.has(kind)
  const failures: WardenError[] = []
  if (restrictive) ctx.apply(event)
  try {
    await withTimeout(
      ctx.repository.save(event),
      ctx.persistTimeoutMs,
      'KILL_SWITCH_PERSIST_FAILED',
      'persisting',
    )
  } catch (error) {
    const failure = coded(error, 'KILL_SWITCH_PERSIST_FAILED')
    if (!restrictive) throw failure
    failures.push(failure)
  }
  if (!restrictive) ctx.apply(event)
  try {
    await ctx.bus.publish(subjectFor(event), ctx.bus.stamp(toPayload(event, ctx.busKey)))
  } catch (error) {
    failures.push(coded(error, 'BUS_PUBLISH_FAILED'))
  }
  const detail = failures.length === 0 ? undefined : { failures: failures.map((f) => f.code) }
  const incident = ctx.reporter.build(incidentKind, reason, actor, agentId, detail)
  try {
    await ctx.reporter.record(incident)
  } catch (error) {
    failures.push(coded(error, 'INCIDENT_LOG_FAILED'))
  }
  if (after !== undefined) {
    try {
      await after(incident)
    } catch (error) {
      failures.push(coded(error, 'KILL_SWITCH_HOOK_FAILED'))
    }
  }
  if (failures[0] !== undefined) throw failures[0]
}

function coded(error: unknown, code: string): WardenError {
  if (error instanceof WardenError) return error
  return new WardenError(code, error instanceof Error ? error.message : String(error))
}
