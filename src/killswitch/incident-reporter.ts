import { randomUUID } from 'node:crypto'
import type { Incident, IncidentKind, IncidentSink } from './incident.js'

/**
 * Builds incident events for one instance and runs the kill switch's background work (alerts, hooks,
 * saves of received events), so close() can wait for it.
 */
export class IncidentReporter {
  readonly #sink: IncidentSink
  readonly #origin: string
  readonly #pending = new Set<Promise<unknown>>()

  constructor(sink: IncidentSink, origin: string) {
    this.#sink = sink
    this.#origin = origin
  }

  build(
    kind: IncidentKind,
    reason: string,
    actor: string,
    agentId?: string,
    detail?: Record<string, unknown>,
  ): Incident {
    const base = { id: randomUUID(), kind, reason, actor, at: Date.now(), origin: this.#origin }
    return {
      ...base,
      ...(agentId === undefined ? {} : { agentId }),
      ...(detail === undefined ? {} : { detail }),
    }
  }

  record(incident: Incident): Promise<void> {
    return this.#sink.record(incident)
  }

  /** Records a system incident in the background; if the sink fails too, there is nowhere left to tell. */
  report(kind: IncidentKind, cause: unknown, agentId?: string): void {
    const reason = cause instanceof Error ? cause.message : String(cause)
    this.track(this.#sink.record(this.build(kind, reason, 'warden', agentId)).catch(() => undefined))
  }

  track(promise: Promise<unknown>): void {
    this.#pending.add(promise)
    void promise.finally(() => this.#pending.delete(promise))
  }

  /** Waits for the work in flight, at most `ms`. */
  async drain(ms: number): Promise<void> {
    const wait = new Promise((resolve) => setTimeout(resolve, ms).unref())
    await Promise.race([Promise.allSettled([...this.#pending]), wait])
  }
}
