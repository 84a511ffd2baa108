import { classifyHost, parseHostname } from './classify-host.js'
import { isOpenSuffix, plainHostSpelling } from './host-spelling.js'
import { validPort } from './url-shape.js'

/** One `apis.allowed` entry after checking: an exact host (or IP) or a `*.suffix`, with a port ('' = default). */
export type AllowedEntry =
  | { readonly kind: 'host' | 'wildcard'; readonly host: string; readonly port: string }
  | { readonly kind: 'error'; readonly why: string }

const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/

/**
 * Reads an `apis.allowed` entry: `host`, `host:port`, `*.suffix`, `*.suffix:port`, an IPv4 literal or a
 * bracketed IPv6 literal (listing an IP is how it is explicitly allowed). Hosts come back in canonical
 * WHATWG form (lower case, punycode, canonical IP spelling) so requests compare by string equality.
 *
 * @example
 * readAllowedEntry('*.example.com:8443') // { kind: 'wildcard', host: 'example.com', port: '8443' }
 * readAllowedEntry('https://api.example.com') // { kind: 'error', why: 'a URL; write the host only …' }
 */
export function readAllowedEntry(entry: string): AllowedEntry {
  if (entry.includes('://')) return error('a URL; write the host only (e.g. api.example.com)')
  if (entry.trim() !== entry || /\s/.test(entry)) return error('contains whitespace')
  if (/[/\\?#]/.test(entry)) return error('contains a path, query or fragment; write the host only')
  if (entry.includes('@')) return error('contains `@` (credentials are not part of a host entry)')
  if (entry.includes('%')) return error('contains percent-encoding; write the host as text')
  const split = splitPort(entry)
  if (typeof split === 'string') return error(split)
  const { host, port } = split
  if (host === '*') return error('a bare `*` would allow every host; list the hosts')
  if (host.startsWith('*.')) return readWildcard(host.slice(2), port)
  if (host.includes('*')) return error('`*` is only allowed as the first label (`*.example.com`)')
  const ip = classifyHost(host)
  if (ip.kind === 'ipv4' || ip.kind === 'ipv6') {
    if (ip.kind === 'ipv6' && ip.zone === true) return error('IPv6 zone ids are not allowed')
    return { kind: 'host', host: ip.address, port }
  }
  const name = readName(host)
  return typeof name === 'string' ? { kind: 'host', host: name, port } : name
}

function readWildcard(suffix: string, port: string): AllowedEntry {
  if (suffix.includes('*')) return error('`*` is only allowed as the first label (`*.example.com`)')
  const ip = classifyHost(suffix)
  if (ip.kind === 'ipv4' || ip.kind === 'ipv6') return error('a wildcard cannot cover IP addresses')
  const name = readName(suffix)
  if (typeof name !== 'string') return name
  if (isOpenSuffix(name)) {
    return error(`*.${name} covers names anyone can register (a public suffix); list the hosts you mean`)
  }
  return { kind: 'wildcard', host: name, port }
}

function readName(host: string): string | AllowedEntry {
  if (host.endsWith('.')) return error('ends with a dot; write the host without it')
  const name = parseHostname(host)
  if (name === undefined) return error('is not a valid host name')
  if (!plainHostSpelling(host, name)) {
    return error('uses characters that IDNA maps to ASCII (fullwidth letters or dots); write it plainly')
  }
  if (name.length > 253 || !name.split('.').every((label) => LABEL.test(label))) {
    return error('is not a valid host name (labels of letters, digits, `-` and `_`, at most 63 each)')
  }
  return name
}

function splitPort(entry: string): { host: string; port: string } | string {
  if (entry.startsWith('[')) {
    const close = entry.indexOf(']')
    if (close < 0) return 'an IPv6 literal is missing its closing bracket'
    const after = entry.slice(close + 1)
    if (after === '') return { host: entry, port: '' }
    if (!after.startsWith(':') || !validPort(after.slice(1))) return 'a port must be a number from 1 to 65535'
    return { host: entry.slice(0, close + 1), port: after.slice(1) }
  }
  const colon = entry.indexOf(':')
  if (colon < 0) return { host: entry, port: '' }
  if (entry.indexOf(':', colon + 1) >= 0) return 'write IPv6 literals in brackets, e.g. [2001:db8::1]'
  const port = entry.slice(colon + 1)
  if (!validPort(port)) return 'a port must be a number from 1 to 65535'
  return { host: entry.slice(0, colon), port }
}

function error(why: string): AllowedEntry {
  return { kind: 'error', why }
}
