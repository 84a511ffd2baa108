import type { Finding } from '../finding.js'
import { tokenRuns } from './char-runs.js'
import { type NumberSpans, numberSpans } from './number-spans.js'

/**
 * One detector over plain text. Recognisers are pure and must run in linear time: every regex they
 * use either has bounded quantifiers or starts with a lookbehind of its own class, so a run of
 * near-matches is tried once from its start and never re-scanned from every position inside it.
 */
export interface Recognizer {
  readonly entities: readonly string[]
  /** `context` carries passes shared between recognisers; omitted, the recogniser makes its own. */
  scan(text: string, context?: ScanContext): Finding[]
}

/** Per-scan work shared by recognisers, computed on first use (one scan, one text). */
export class ScanContext {
  #numberSpans: NumberSpans | undefined
  #tokenRuns: Int32Array | undefined
  constructor(readonly text: string) {}
  /** Runs of 16 or more token characters, as start/end pairs (see `tokenRuns`). */
  get tokenRuns(): Int32Array {
    this.#tokenRuns ??= tokenRuns(this.text)
    return this.#tokenRuns
  }
  /** The spans of digits and group joiners (see `numberSpans`). */
  get numberSpans(): NumberSpans {
    this.#numberSpans ??= numberSpans(this.text)
    return this.#numberSpans
  }
}

/** A PII finding, rounding the score so results stay stable across platforms. */
export function piiFinding(entity: string, start: number, end: number, score: number): Finding {
  return { type: 'pii', entity, start, end, score: Math.round(score * 100) / 100 }
}

/** A secret finding: always entity `SECRET`, the provider or format in `kind`. */
export function secretFinding(kind: string, start: number, end: number, score: number): Finding {
  return { type: 'secret', entity: 'SECRET', kind, start, end, score: Math.round(score * 100) / 100 }
}

/** True when `words` matches in the `window` characters before `start` (or after `end` when `after`). */
export function hasContext(
  text: string,
  start: number,
  end: number,
  words: RegExp,
  window = 48,
  after = false,
): boolean {
  const before = text.slice(Math.max(0, start - window), start)
  if (words.test(before)) return true
  return after && words.test(text.slice(end, end + window))
}
