import { ANOMALY_DEFAULTS } from './anomaly-defaults.js'
import type { Detector } from './anomaly-finding.js'

/**
 * This minute's attempts against the agent's usual rate per active minute (EWMA and z-score). The
 * spread has a Poisson floor (√mean): a steady agent's variance is near zero, and a single extra call
 * must not look like a burst.
 */
export const burst: Detector = (p, _f, _now, warmup) => {
  const d = ANOMALY_DEFAULTS
  if (p.learned < warmup || p.rate.n < d.burstMinMinutes || p.minuteCount < d.burstMinCount) return undefined
  const sd = Math.max(Math.sqrt(p.rate.var), Math.sqrt(p.rate.mean), 1)
  const z = (p.minuteCount - p.rate.mean) / sd
  if (z < d.burstZ) return undefined
  return {
    kind: 'burst',
    score: Math.min(0.95, 0.6 + (z - d.burstZ) * 0.05),
    reason: `${p.minuteCount} calls this minute against a usual ${p.rate.mean.toFixed(1)} (z ${z.toFixed(1)})`,
  }
}
