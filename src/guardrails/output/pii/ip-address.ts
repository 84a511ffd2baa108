import { isIPv6 } from 'node:net'
import type { Finding } from '../../finding.js'
import { hasContext, piiFinding, type Recognizer } from '../recognizer.js'

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)'
const IPV4 = new RegExp(`(?<![\\d.])${OCTET}(?:\\.${OCTET}){3}(?!\\d|\\.\\d)`, 'g')
// Candidate IPv6 text: a run of hex digits and colons (optionally ending in a dotted quad), tried only
// from the start of such a run; node's parser then decides.
// "version 1.2.3.4", "v1.2.3.4": dotted version numbers are not addresses.
const VERSION = /(?:\bv|\b(?:version|release|build|ver\.?)\s*)$/i
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
    // IPv6 candidates grow from each "::" or "x:x" outwards over hex digits, colons and dots; each run
    // is parsed once (the scan resumes after it), and node's parser decides.
    for (let colon = text.indexOf(':'); colon !== -1; colon = text.indexOf(':', colon + 1)) {
      let start = colon
      while (start > 0 && colon - start <= 45 && isV6Char(text.charCodeAt(start - 1))) start--
      let end = colon + 1
      while (end < text.length && end - start <= 46 && isV6Char(text.charCodeAt(end))) end++
      // A run longer than any address is not one: skip to its end (each character is passed once).
      if (isV6Char(text.charCodeAt(start - 1)) || isV6Char(text.charCodeAt(end))) {
        while (end < text.length && isV6Char(text.charCodeAt(end))) end++
        colon = end
        continue
      }
      colon = end
      const raw = trimRun(text.slice(start, end))
      if (raw.indexOf(':') === raw.lastIndexOf(':') || raw.length > 45) continue
      if (isWord(text.charCodeAt(start - 1)) || isWord(text.charCodeAt(start + raw.length)) || !isIPv6(raw))
        continue
      // "12:30:45" never parses, but "a::b" could be code: demand some substance.
      const groups = raw.split(':').filter((g) => g.length > 0).length
      if ((groups < 3 && !raw.startsWith('::')) || raw === '::') continue
      out.push(piiFinding('IP_ADDRESS', start, start + raw.length, groups >= 4 ? 0.95 : 0.6))
    }
    return out
  },
}

// A run may end in sentence punctuation ("... 2001:db8::1."): trailing dots are not part of an address.
function trimRun(raw: string): string {
  let end = raw.length
  while (end > 0 && raw[end - 1] === '.') end--
  return raw.slice(0, end)
}

// Hex digits, ':' and '.' (an IPv4 tail), by char code.
function isV6Char(c: number): boolean {
  return (c >= 48 && c <= 58) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102) || c === 46
}

function isWord(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95
}
