import { isIPv6 } from 'node:net'
import type { Finding } from '../../finding.js'
import { hasContext, piiFinding, type Recognizer } from '../recognizer.js'

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)'
const IPV4 = new RegExp(`(?<![\\d.])${OCTET}(?:\\.${OCTET}){3}(?!\\d|\\.\\d)`, 'g')
// Candidate IPv6 text: a run of hex digits and colons (optionally ending in a dotted quad), tried only
// from the start of such a run; node's parser then decides.
const IPV6 = /(?<![\w:.])(?=[0-9A-Fa-f]{0,4}:)[0-9A-Fa-f:]{2,39}(?:\.\d{1,3}){0,3}(?![\w:])/g
// "version 1.2.3.4", "v1.2.3.4": dotted version numbers are not addresses.
const VERSION = /(?:\bv|\b(?:version|release|build|ver\.?)\s*)$/i
const IPV6_HINT = /[0-9A-Fa-f]:[0-9A-Fa-f]{0,4}:|::/
const OID = /\boid\b|asn\.?1|snmp/i

/** IP_ADDRESS: IPv4 dotted quads (not version strings) and IPv6 in any RFC 4291/5952 form. */
export const ipAddressRecognizer: Recognizer = {
  entities: ['IP_ADDRESS'],
  scan(text) {
    const out: Finding[] = []
    if (text.includes('.')) {
      for (const m of text.matchAll(IPV4)) {
        const end = m.index + m[0].length
        if (VERSION.test(text.slice(Math.max(0, m.index - 12), m.index))) continue
        if (hasContext(text, m.index, end, OID, 24)) continue
        out.push(piiFinding('IP_ADDRESS', m.index, end, 0.95))
      }
    }
    // IPv6 needs two colons among hex digits; one cheap test spares the candidate scan on most text.
    if (IPV6_HINT.test(text)) {
      for (const m of text.matchAll(IPV6)) {
        const raw = m[0]
        if (!isIPv6(raw)) continue
        // "12:30:45" never parses, but "::" or "a::b" could be code: demand some substance.
        const groups = raw.split(':').filter((g) => g.length > 0).length
        if (groups < 3 && !raw.startsWith('::')) continue
        if (raw === '::') continue
        out.push(piiFinding('IP_ADDRESS', m.index, m.index + raw.length, groups >= 4 ? 0.95 : 0.6))
      }
    }
    return out
  },
}
