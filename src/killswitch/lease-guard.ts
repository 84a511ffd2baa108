import type { Bus } from '../bus/bus.js'
import { KILL_SWITCH_DEFAULTS } from './defaults.js'
import type { IncidentReporter } from './incident-reporter.js'

/**
 * Fails the kill switch closed when its bus goes quiet. Past the lease a stop issued on another instance
 * may be lost (pub/sub keeps nothing for a disconnected subscriber), so every action is denied until the
 * bus answers again *and* the persisted state has been reloaded. Also reloads after any disconnect and
 * every `resyncMs`, to pick up what the bus dropped.
 */
export class LeaseGuard {
  readonly leaseMs: number
  readonly #bus: Bus
  readonly #resyncMs: number
  readonly #resync: () => Promise<void>
  readonly #reporter: IncidentReporter
  #timer: NodeJS.Timeout | undefined
  /** Set when the lease ran out; cleared only after a reload. */
  #unavailable = false
  #reported = false
  #sawDisconnect = false
  #resyncing = false
  #lastResyncAt = Date.now()

  constructor(
    bus: Bus,
    leaseMs: number,
    resyncMs: number,
    resync: () => Promise<void>,
    reporter: IncidentReporter,
  ) {
    this.#bus = bus
    this.leaseMs = leaseMs
    this.#resyncMs = resyncMs
    this.#resync = resync
    this.#reporter = reporter
  }

  /** True when actions must be denied for want of a live bus. O(1): reads the bus's last heartbeat. */
  blocks(nowMs: number): boolean {
    if (!this.#unavailable && nowMs - this.#bus.health().lastOkAt <= this.leaseMs) return false
    this.#unavailable = true
    return true
  }

  start(): void {
    this.#timer = setInterval(() => this.tick(), Math.min(KILL_SWITCH_DEFAULTS.watchMs, this.leaseMs / 4))
    this.#timer.unref()
  }

  stop(): void {
    clearInterval(this.#timer)
  }

  tick(now = Date.now()): void {
    const health = this.#bus.health()
    if (!health.connected) this.#sawDisconnect = true
    const expired = now - health.lastOkAt > this.leaseMs
    if (expired) this.#unavailable = true
    if (this.#unavailable && !this.#reported) {
      this.#reported = true
      this.#reporter.report('kill-switch-unavailable', `no answer from the bus for over ${this.leaseMs} ms`)
    }
    if (expired || !health.connected || this.#resyncing) return
    if (!this.#unavailable && !this.#sawDisconnect && now - this.#lastResyncAt < this.#resyncMs) return
    const recovering = this.#unavailable
    this.#sawDisconnect = false
    this.#resyncing = true
    const resync = this.#resync().then(
      () => {
        this.#lastResyncAt = Date.now()
        if (!recovering) return
        this.#unavailable = false
        this.#reported = false
        this.#reporter.report(
          'kill-switch-recovered',
          'the bus answers again and the persisted state was reloaded',
        )
      },
      (error) => this.#reporter.report('persist-failed', error),
    )
    this.#reporter.track(resync.finally(() => (this.#resyncing = false)))
  }
}
