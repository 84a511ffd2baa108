import type { Finding } from '../finding.js'
import { contextIdRecognizer } from './pii/context-ids.js'
import { creditCardRecognizer } from './pii/credit-card.js'
import { dateOfBirthRecognizer } from './pii/date-of-birth.js'
import { emailRecognizer } from './pii/email.js'
import { ibanRecognizer } from './pii/iban.js'
import { ipAddressRecognizer } from './pii/ip-address.js'
import { namesRecognizer } from './pii/names.js'
import { phoneRecognizer } from './pii/phone.js'
import { usSsnRecognizer } from './pii/us-ssn.js'
import { type Recognizer, ScanContext } from './recognizer.js'
import { resolveOverlaps } from './resolve-overlaps.js'
import { assignmentRecognizer } from './secrets/assignments.js'
import { awsPairRecognizer } from './secrets/aws-pair.js'
import { credentialUrlRecognizer } from './secrets/credential-url.js'
import { githubTokenRecognizer } from './secrets/github-token.js'
import { jwtRecognizer } from './secrets/jwt.js'
import { prefixedTokenRecognizer } from './secrets/prefixed-tokens.js'
import { privateKeyRecognizer } from './secrets/private-key.js'
import { sqlAndCliRecognizer } from './secrets/sql-and-cli.js'

/** Every recogniser, secrets first. Entity names are Presidio's; secrets are all `SECRET`. */
export const RECOGNIZERS: readonly Recognizer[] = [
  privateKeyRecognizer,
  githubTokenRecognizer,
  prefixedTokenRecognizer,
  jwtRecognizer,
  awsPairRecognizer,
  credentialUrlRecognizer,
  assignmentRecognizer,
  sqlAndCliRecognizer,
  emailRecognizer,
  creditCardRecognizer,
  usSsnRecognizer,
  ibanRecognizer,
  ipAddressRecognizer,
  phoneRecognizer,
  dateOfBirthRecognizer,
  contextIdRecognizer,
  namesRecognizer,
]

/** Work bound: text past this many UTF-16 units is not scanned but flagged and redacted whole. */
export const MAX_SCAN_CHARS = 4 * 1024 * 1024

/** The entity of the finding that covers text past `MAX_SCAN_CHARS` (fail closed: it gets redacted). */
export const UNSCANNED_ENTITY = 'UNSCANNED_TEXT'

/**
 * PII and secrets in `text`, sorted by start, overlaps resolved (secret, then higher score, then longer).
 * `entities` limits the result to those names (`SECRET` selects all secrets).
 *
 * @example
 * scanSensitive('mail bob@example.org') // [{ type: 'pii', entity: 'EMAIL_ADDRESS', start: 5, end: 20, score: 1 }]
 */
export function scanSensitive(text: string, options: { entities?: readonly string[] } = {}): Finding[] {
  if (typeof text !== 'string' || text.length === 0) return []
  const scanned = text.length > MAX_SCAN_CHARS ? text.slice(0, MAX_SCAN_CHARS) : text
  const wanted = options.entities === undefined ? undefined : new Set(options.entities)
  const found: Finding[] = []
  const context = new ScanContext(scanned)
  for (const r of RECOGNIZERS) {
    if (wanted !== undefined && !r.entities.some((e) => wanted.has(e))) continue
    for (const f of r.scan(scanned, context)) if (wanted === undefined || wanted.has(f.entity)) found.push(f)
  }
  const resolved = resolveOverlaps(found)
  if (scanned.length < text.length) {
    resolved.push({
      type: 'pattern',
      entity: UNSCANNED_ENTITY,
      start: scanned.length,
      end: text.length,
      score: 1,
    })
  }
  return resolved
}
