import { CLASSIFICATIONS, type Classification, type Finding } from '../finding.js'
import { UNSCANNED_ENTITY } from './scan-sensitive.js'

// Which classification a finding implies:
// - restricted: any secret (credentials open systems), government ids and financial account numbers
//   (US_SSN, CREDIT_CARD, IBAN_CODE, passports, licences, bank numbers, ITIN, NHS), and text too large to scan
//   (fail closed: what was not read is treated as the worst case);
// - confidential: personal data that identifies or reaches a person (EMAIL_ADDRESS, PHONE_NUMBER,
//   PERSON, DATE_OF_BIRTH, addresses, medical ids);
// - internal: infrastructure and coarse location (IP_ADDRESS, LOCATION, URL, DOMAIN_NAME);
// - other types (injection, pattern findings) do not classify data.
const RESTRICTED = new Set([
  'US_SSN',
  'CREDIT_CARD',
  'IBAN_CODE',
  'US_PASSPORT',
  'US_DRIVER_LICENSE',
  'US_BANK_NUMBER',
  'US_ITIN',
  'UK_NHS',
  'CRYPTO',
  UNSCANNED_ENTITY,
])
const INTERNAL = new Set(['IP_ADDRESS', 'LOCATION', 'URL', 'DOMAIN_NAME', 'NRP', 'DATE_TIME'])
const RANK: Readonly<Record<Classification, number>> = {
  public: 0,
  internal: 1,
  confidential: 2,
  restricted: 3,
}

/** The classification one finding implies (see the table above). */
export function classifyFinding(f: Finding): Classification {
  if (f.type === 'secret' || RESTRICTED.has(f.entity)) return 'restricted'
  if (f.type === 'pii') return INTERNAL.has(f.entity) ? 'internal' : 'confidential'
  return 'public'
}

/**
 * The most sensitive classification among the findings and the resource's own labels: secrets, SSNs,
 * cards and IBANs → restricted; other personal data → confidential; IPs and places → internal; none →
 * public (or the highest label). Escalation rules read the result as `data.classification`.
 *
 * @example
 * classifyFindings([{ type: 'secret', entity: 'SECRET', kind: 'JWT', start: 0, end: 9, score: 1 }]) // 'restricted'
 */
export function classifyFindings(
  findings: readonly Finding[],
  labels: readonly Classification[] = [],
): Classification {
  let best = 0
  for (const l of labels) if (RANK[l] !== undefined) best = Math.max(best, RANK[l])
  for (const f of findings) best = Math.max(best, RANK[classifyFinding(f)])
  return CLASSIFICATIONS[best] ?? 'restricted'
}
