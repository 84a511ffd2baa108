import type { ActionFeatures } from './features.js'
import type { AgentProfile } from './profile.js'

/** The kinds of anomaly Warden learns to see, one detector each. */
export type AnomalyKind =
  | 'new_tool'
  | 'burst'
  | 'new_destination'
  | 'new_prefix'
  | 'unusual_hour'
  | 'argument_size'
  | 'probing'
  | 'loop'
  | 'unusual_sequence'

/** One detector's answer: a score in 0..1 and a reason a human can act on. */
export interface AnomalyFinding {
  readonly kind: AnomalyKind
  readonly score: number
  readonly reason: string
}

/** A detector: pure, `(profile, features of the action, now) → finding | undefined`. */
export type Detector = (
  profile: AgentProfile,
  features: ActionFeatures,
  now: number,
  warmupActions: number,
) => AnomalyFinding | undefined
