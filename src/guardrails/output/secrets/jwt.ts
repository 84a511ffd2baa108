import type { Finding } from '../../finding.js'
import { isPlaceholder } from '../placeholder.js'
import { type Recognizer, secretFinding } from '../recognizer.js'

// header.payload.signature, each base64url; the header and payload are JSON objects, so both start
// with "eyJ" ('{"' encoded).
const JWT = /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}={0,2}\.eyJ?[A-Za-z0-9_-]{4,}={0,2}\.[A-Za-z0-9_-]*={0,2}/g

/** The decoded JOSE header when it is a JSON object naming an `alg` (RFC 7515 §4.1.1), else undefined. */
export function decodeJoseHeader(segment: string): Record<string, unknown> | undefined {
  try {
    const json = Buffer.from(segment, 'base64url').toString('utf8')
    const value: unknown = JSON.parse(json)
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
    return typeof (value as Record<string, unknown>)['alg'] === 'string'
      ? (value as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

/** JWT: three base64url segments whose first decodes to a JOSE header with `alg`. */
export const jwtRecognizer: Recognizer = {
  entities: ['SECRET'],
  scan(text) {
    if (!text.includes('eyJ')) return []
    const out: Finding[] = []
    for (const m of text.matchAll(JWT)) {
      const header = decodeJoseHeader(m[0].slice(0, m[0].indexOf('.')))
      if (header === undefined || isPlaceholder(m[0])) continue
      // An unsigned token ("alg":"none", empty signature) still carries claims an agent should not leak.
      out.push(secretFinding('JWT', m.index, m.index + m[0].length, header['alg'] === 'none' ? 0.8 : 0.95))
    }
    return out
  },
}
