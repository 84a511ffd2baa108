import type { AnomalyFinding, Detector } from './anomaly-finding.js'
import { argumentSize } from './argument-size.js'
import { burst } from './burst.js'
import type { ActionFeatures } from './features.js'
import { unusualHour } from './hours.js'
import { newDestination, newPrefix, newTool, unusualSequence } from './novelty.js'
import { observeAttempt } from './observe.js'
import type { AgentProfile } from './profile.js'
import { loop, probing } from './repetition.js'

/** Every detector, in the order their reasons are listed. */
export const DETECTORS: readonly Detector[] = Object.freeze([
  newTool,
  newDestination,
  newPrefix,
  unusualSequence,
  burst,
  argumentSize,
  unusualHour,
  loop,
  probing,
])

/** The combined judgement on one attempt. */
export interface AnomalyAssessment {
  /** 0..1, the noisy-OR of the findings: independent weak signals add up, none alone reaches 1. */
  readonly score: number
  readonly findings: readonly AnomalyFinding[]
}

/** Combines findings by noisy-OR: 1 − Π(1 − score). */
export function combineFindings(findings: readonly AnomalyFinding[]): AnomalyAssessment {
  let keep = 1
  for (const f of findings) keep *= 1 - Math.min(1, Math.max(0, f.score))
  return { score: 1 - keep, findings }
}

/**
 * Counts the attempt in the profile, runs every detector and combines them. Mutates `profile` (attempt
 * state only; knowledge is learned after execution).
 *
 * @example
 * assessAttempt(profile, featuresOf(action, now), now, 100) // { score: 0.6, findings: [{ kind: 'new_tool', … }] }
 */
export function assessAttempt(
  profile: AgentProfile,
  features: ActionFeatures,
  now: number,
  warmupActions: number,
): AnomalyAssessment {
  observeAttempt(profile, features, now)
  const findings: AnomalyFinding[] = []
  for (const detect of DETECTORS) {
    const f = detect(profile, features, now, warmupActions)
    if (f !== undefined) findings.push(f)
  }
  profile.lastAttempt = features.tool
  return combineFindings(findings)
}
