import { ANOMALY_DEFAULTS } from './anomaly-defaults.js'
import type { Detector } from './anomaly-finding.js'

// Repetition needs no baseline: any agent refused again and again is probing its boundaries, and any
// agent making the same call over and over is stuck or being driven in a loop.

/** Repeated refusals within the window (probing). */
export const probing: Detector = (p, _f, now) => {
  const d = ANOMALY_DEFAULTS
  let recent = 0
  for (const t of p.denials) if (t > now - d.denialWindowMs) recent++
  if (recent < d.denialCount) return undefined
  return {
    kind: 'probing',
    score: Math.min(0.95, 0.5 + (recent - d.denialCount) * 0.1),
    reason: `${recent} refused actions in the last ${d.denialWindowMs / 60_000} minutes`,
  }
}

/**
 * The same call (tool and arguments) filling most of the last few attempts, within the window: an agent
 * that lists one folder now and then is normal, one that makes nothing but the same call is stuck or
 * driven. `recent` includes this attempt.
 */
export const loop: Detector = (p, f, now) => {
  const d = ANOMALY_DEFAULTS
  let same = 0
  for (let i = Math.max(0, p.recent.length - d.loopSpan); i < p.recent.length; i++) {
    const [fp, at] = p.recent[i] as [number, number]
    if (fp === f.fingerprint && at > now - d.loopWindowMs) same++
  }
  if (same < d.loopCount) return undefined
  return {
    kind: 'loop',
    score: Math.min(0.95, 0.5 + (same - d.loopCount) * 0.1),
    reason: `the same ${f.tool} call ${same} times in ${d.loopWindowMs / 60_000} minutes`,
  }
}
