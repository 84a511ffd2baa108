import { redact } from '../guardrails/output/redact.js'
import { scanSensitive } from '../guardrails/output/scan-sensitive.js'
import { mapStrings } from '../guardrails/output/walk-strings.js'
import type { Redactor } from './capture.js'
import { digestOf } from './capture.js'

/** How deep and how large a payload the `redacted` capture walks (the output stage's audit view uses the same). */
export const AUDIT_WALK_LIMITS = Object.freeze({ maxDepth: 64, maxNodes: 100_000 })

/**
 * The redactor of `audit.capture: redacted`: every string value passes the output guardrails' PII and
 * secret scan and is stored with findings replaced (`[REDACTED:EMAIL_ADDRESS]`). A payload too deep or
 * too large to walk keeps only its digest: what cannot be scanned is not stored.
 */
export function sensitiveRedactor(): Redactor {
  return function redactSensitive(value) {
    const walked = mapStrings(value, (text) => redact(text, scanSensitive(text)), AUDIT_WALK_LIMITS)
    if (walked.ok) return walked.value as Record<string, unknown>
    return unredactable(value, walked.reason)
  }
}

/** What the `redacted` capture keeps of a payload it cannot walk: why, and its digest (never its content). */
export function unredactable(value: unknown, reason: string): Record<string, unknown> {
  return { unredactable: reason, digest: digestOf(value) }
}
