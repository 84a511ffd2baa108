import { setTimeout as sleep } from 'node:timers/promises'

/** Latency percentiles of one run, in microseconds, and how many calls it made per second. */
export interface LoadResult {
  readonly calls: number
  readonly callsPerSec: number
  readonly p50Us: number
  readonly p99Us: number
  /** Open loop: how far behind its schedule the generator sent its latest call, in milliseconds. */
  readonly maxLagMs?: number
}

/**
 * Open loop: starts calls at a fixed rate for `seconds`, whether or not earlier ones have returned (a slow
 * server meets more work, as it would in production, rather than slowing the client down). Latency is timed
 * from each call's start; `maxLagMs` says how late the generator itself ran against its schedule.
 */
export async function openLoop(
  call: () => Promise<void>,
  ratePerSec: number,
  seconds: number,
): Promise<LoadResult> {
  const total = Math.round(ratePerSec * seconds)
  const samples = new Float64Array(total)
  const inFlight: Promise<void>[] = []
  const start = performance.now()
  let sent = 0
  let maxLagMs = 0
  while (sent < total) {
    const now = performance.now()
    const due = Math.min(total, Math.floor(((now - start) * ratePerSec) / 1000) + 1)
    for (; sent < due; sent++) {
      maxLagMs = Math.max(maxLagMs, now - (start + (sent * 1000) / ratePerSec))
      const i = sent
      const t0 = performance.now()
      inFlight.push(
        call().then(() => {
          samples[i] = (performance.now() - t0) * 1000
        }),
      )
    }
    await sleep(1)
  }
  await Promise.all(inFlight)
  const elapsedS = (performance.now() - start) / 1000
  return { ...percentiles(samples), calls: total, callsPerSec: Math.round(total / elapsedS), maxLagMs }
}

/** Closed loop: `concurrency` workers, each starting its next call as soon as its last returns, for `ms`. */
export async function closedLoop(
  call: () => Promise<void>,
  concurrency: number,
  ms: number,
): Promise<LoadResult> {
  const samples: number[] = []
  const start = performance.now()
  const until = start + ms
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now()
        await call()
        samples.push((performance.now() - t0) * 1000)
      }
    }),
  )
  const elapsedS = (performance.now() - start) / 1000
  return {
    ...percentiles(Float64Array.from(samples)),
    calls: samples.length,
    callsPerSec: Math.round(samples.length / elapsedS),
  }
}

function percentiles(samples: Float64Array): { p50Us: number; p99Us: number } {
  const sorted = Float64Array.from(samples).sort()
  const at = (q: number) => Math.round((sorted[Math.floor(sorted.length * q)] ?? 0) * 100) / 100
  return { p50Us: at(0.5), p99Us: at(0.99) }
}
