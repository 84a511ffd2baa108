import type { TextSource } from '../guardrails/input/features.js'
import {
  INJECTION_DEFAULTS,
  type InjectionResult,
  inferSource,
  scoreInjection,
} from '../guardrails/input/injection.js'
import { normalizeForDetection } from '../guardrails/input/normalize.js'

/** A text already scored for injection, the source it was scored as, and the result (default thresholds). */
export interface ScoredText {
  readonly text: string
  readonly source: TextSource
  readonly injection: InjectionResult
}

/**
 * `scoreInjection(text)` (source inferred, default thresholds), taken from `scored` when that is provably the
 * same computation: the very same text, scored as the source inference picks for it. Anything else (the
 * output stage redacted the text, the result holds more than one text, a short reply it scored as tool data
 * where inference says `user`) is scored again, so the answer never depends on whether a score was handed in.
 *
 * @example injectionOf(text, filtered.scored).detected
 */
export function injectionOf(text: string, scored: ScoredText | undefined): InjectionResult {
  if (
    scored !== undefined &&
    scored.text === text &&
    text.length <= INJECTION_DEFAULTS.maxChars &&
    (scored.injection.inferredSource ?? inferSource(normalizeForDetection(text).text)) === scored.source
  ) {
    return scored.injection
  }
  return scoreInjection(text)
}
