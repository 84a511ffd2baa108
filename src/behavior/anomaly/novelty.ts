import { ANOMALY_DEFAULTS } from './anomaly-defaults.js'
import type { Detector } from './anomaly-finding.js'

// Novelty detectors: after warm-up, the first use of something the agent never touched is the shape of a
// hijacked agent (a new exfiltration host, an HR folder, a payments tool it never needed).

/** A tool the agent has never executed. */
export const newTool: Detector = (p, f, _now, warmup) => {
  if (p.learned < warmup || (p.tools[f.tool] ?? 0) > 0) return undefined
  return { kind: 'new_tool', score: 0.6, reason: `first use of ${f.tool} after ${p.learned} actions` }
}

/** A destination host or mail domain never sent to before. */
export const newDestination: Detector = (p, f, _now, warmup) => {
  if (p.learned < warmup) return undefined
  const fresh = f.hosts.find((h) => (p.hosts[h] ?? 0) === 0)
  if (fresh === undefined) return undefined
  return { kind: 'new_destination', score: 0.6, reason: `new destination ${fresh}` }
}

/** A path prefix or table never touched before. */
export const newPrefix: Detector = (p, f, _now, warmup) => {
  if (p.learned < warmup) return undefined
  const fresh = f.prefixes.find((x) => (p.prefixes[x] ?? 0) === 0)
  if (fresh === undefined) return undefined
  return { kind: 'new_prefix', score: 0.5, reason: `new resource ${fresh}` }
}

/**
 * A transition between two known tools never seen, once the previous tool's successors are well known
 * (a reader that suddenly follows `db.query` with `email.send`).
 */
export const unusualSequence: Detector = (p, f, _now, warmup) => {
  const prev = p.lastAttempt
  if (p.learned < warmup || prev === undefined || (p.tools[f.tool] ?? 0) === 0) return undefined
  if ((p.outs[prev] ?? 0) < ANOMALY_DEFAULTS.sequenceMinOuts) return undefined
  if ((p.pairs[`${prev}\u0000${f.tool}`] ?? 0) > 0) return undefined
  return { kind: 'unusual_sequence', score: 0.5, reason: `${prev} followed by ${f.tool} never seen before` }
}
