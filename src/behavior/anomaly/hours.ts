import { ANOMALY_DEFAULTS } from './anomaly-defaults.js'
import type { Detector } from './anomaly-finding.js'

/**
 * Activity at an hour (UTC) the agent has almost never worked, counting the neighbouring hours so the
 * edge of a working day is not an alarm. Needs days of history: after one morning every afternoon
 * would look unusual.
 */
export const unusualHour: Detector = (p, f, now, warmup) => {
  const d = ANOMALY_DEFAULTS
  if (p.learned < warmup || now - p.firstAt < d.hoursMinHistoryMs) return undefined
  const near = (h: number) => p.hours[(h + 24) % 24] ?? 0
  const share = (near(f.hour - 1) + near(f.hour) + near(f.hour + 1)) / p.learned
  if (share >= d.hoursMinShare) return undefined
  return {
    kind: 'unusual_hour',
    score: 0.5,
    reason: `activity at ${String(f.hour).padStart(2, '0')}:00 UTC, an hour this agent has not worked`,
  }
}
