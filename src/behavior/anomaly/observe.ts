import { ANOMALY_DEFAULTS } from './anomaly-defaults.js'
import type { ActionFeatures } from './features.js'
import { type AgentProfile, updateStat } from './profile.js'

/** Most keys one dictionary of a profile learns; past it new names stay new (and keep being flagged). */
const MAX_KEYS = 4_096

/**
 * Counts one attempt: the current minute's calls (folding the finished minute into the rate baseline)
 * and the recent-calls ring the loop detector reads. Runs before the detectors.
 */
export function observeAttempt(p: AgentProfile, f: ActionFeatures, now: number): void {
  const d = ANOMALY_DEFAULTS
  const minute = Math.floor(now / 60_000)
  if (minute > p.minute) {
    if (p.minute >= 0 && p.minuteCount > 0) {
      // A burst minute joins the baseline capped at the alarm line, so a slow ramp cannot teach the
      // baseline to accept ever larger bursts.
      const sd = Math.max(Math.sqrt(p.rate.var), Math.sqrt(p.rate.mean), 1)
      const cap = p.rate.n < d.burstMinMinutes ? p.minuteCount : p.rate.mean + d.burstZ * sd
      updateStat(p.rate, Math.min(p.minuteCount, cap), d.alpha)
    }
    p.minute = minute
    p.minuteCount = 0
  }
  p.minuteCount++
  p.recent.push([f.fingerprint, now])
  if (p.recent.length > d.recentCalls) p.recent.splice(0, p.recent.length - d.recentCalls)
}

/** Counts one refusal (the probing detector reads them). */
export function observeDenial(p: AgentProfile, now: number): void {
  p.denials.push(now)
  const d = ANOMALY_DEFAULTS
  if (p.denials.length > d.maxDenials) p.denials.splice(0, p.denials.length - d.maxDenials)
}

/** Learns one executed action: tools, destinations, resources, hours, argument sizes, transitions. */
export function learnExecuted(p: AgentProfile, f: ActionFeatures): void {
  p.learned++
  bump(p.tools, f.tool)
  for (const h of f.hosts) bump(p.hosts, h)
  for (const x of f.prefixes) bump(p.prefixes, x)
  p.hours[f.hour] = (p.hours[f.hour] ?? 0) + 1
  let stat = p.sizes[f.tool]
  if (stat === undefined && Object.keys(p.sizes).length < MAX_KEYS) {
    stat = { n: 0, mean: 0, var: 0 }
    p.sizes[f.tool] = stat
  }
  if (stat !== undefined) updateStat(stat, f.sizeBits, ANOMALY_DEFAULTS.alpha)
  if (p.lastLearned !== undefined) {
    bump(p.pairs, `${p.lastLearned}\u0000${f.tool}`)
    bump(p.outs, p.lastLearned)
  }
  p.lastLearned = f.tool
}

function bump(d: Record<string, number>, key: string): void {
  const n = d[key]
  if (n !== undefined) d[key] = n + 1
  else if (Object.keys(d).length < MAX_KEYS) d[key] = 1
}
