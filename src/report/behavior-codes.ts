import { apisCodes } from '../errors/codes/apis.js'
import { behaviorCodes } from '../errors/codes/behavior.js'

/**
 * The reason codes the monthly report reads as behavioural signals: every decision code of the behavior
 * area (anomaly, budgets, information flow), read from the catalog so a new one is counted without an
 * edit here, and the rate limit both the behavior stage and the apis boundary use.
 */
export const BEHAVIOR_SIGNAL_CODES: readonly string[] = Object.freeze(
  [
    ...Object.entries(behaviorCodes)
      .filter(([, entry]) => entry.kind === 'decision')
      .map(([code]) => code),
    ...Object.keys(apisCodes).filter((code) => code === 'RATE_LIMITED'),
  ].sort(),
)
