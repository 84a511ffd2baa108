/**
 * What a host names: an IPv4 or IPv6 address (in canonical WHATWG spelling), a domain (in ASCII/punycode),
 * or nothing valid. IP notation tricks — `2130706433`, `0x7f.1`, `017700000001`, `127.1`, `[::ffff:127.0.0.1]`,
 * zone ids — all land on the canonical address, so a caller compares one spelling.
 */
export type HostClass =
  | { readonly kind: 'ipv4'; readonly address: string }
  | {
      readonly kind: 'ipv6'
      /** Bracketed, as WHATWG serialises it: `[::1]`. */
      readonly address: string
      /** The IPv4 address inside an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`). */
      readonly mappedIpv4?: string
      /** The zone id (`%eth0`) was present: link-local, never a public destination. */
      readonly zone?: true
    }
  | { readonly kind: 'domain'; readonly name: string }
  | { readonly kind: 'invalid' }

const INVALID: HostClass = Object.freeze({ kind: 'invalid' })
const DOTTED_IPV4 = /^(?:\d{1,3}\.){3}\d{1,3}$/
// Characters that end a host in a URL or smuggle userinfo/paths into it.
const NOT_IN_HOST = /[/\\?#@\s]/

/**
 * Classifies a host as written in a URL or a config entry (`[::1]` and `::1` both read as IPv6).
 *
 * @example
 * classifyHost('0x7f.1') // { kind: 'ipv4', address: '127.0.0.1' }
 * classifyHost('[::ffff:127.0.0.1]') // { kind: 'ipv6', address: '[::ffff:7f00:1]', mappedIpv4: '127.0.0.1' }
 */
export function classifyHost(host: string): HostClass {
  if (typeof host !== 'string' || host.length === 0 || host.length > 1024 || NOT_IN_HOST.test(host))
    return INVALID
  if (host.startsWith('[') || host.includes(':')) return classifyIpv6(host)
  if (host.includes('%')) return INVALID
  const hostname = parseHostname(host)
  if (hostname === undefined) return INVALID
  if (DOTTED_IPV4.test(hostname)) return { kind: 'ipv4', address: hostname }
  return { kind: 'domain', name: hostname }
}

function classifyIpv6(host: string): HostClass {
  let inner = host
  if (host.startsWith('[')) {
    if (!host.endsWith(']')) return INVALID
    inner = host.slice(1, -1)
  }
  // RFC 6874 zone ids (`fe80::1%25eth0` in URLs, `fe80::1%eth0` elsewhere): WHATWG refuses them, but they
  // still name an address, and it is link-local: classify the address so the caller can refuse it.
  const percent = inner.indexOf('%')
  const zone = percent >= 0
  if (zone) inner = inner.slice(0, percent)
  const hostname = inner.includes(':') ? parseHostname(`[${inner}]`) : undefined
  if (hostname === undefined || !hostname.startsWith('[')) return INVALID
  const mapped = mappedIpv4(hostname)
  return {
    kind: 'ipv6',
    address: hostname,
    ...(mapped === undefined ? {} : { mappedIpv4: mapped }),
    ...(zone ? { zone: true as const } : {}),
  }
}

/** `[::ffff:7f00:1]` → `127.0.0.1` (the form WHATWG serialises IPv4-mapped addresses in). */
function mappedIpv4(address: string): string | undefined {
  const match = /^\[::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})\]$/.exec(address)
  if (match === null) return undefined
  const hi = Number.parseInt(match[1] ?? '', 16)
  const lo = Number.parseInt(match[2] ?? '', 16)
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`
}

/** The WHATWG host parser's result (lower case, punycode, IPv4 normalised), or undefined when it refuses. */
export function parseHostname(host: string): string | undefined {
  if (host.length === 0 || NOT_IN_HOST.test(host)) return undefined
  try {
    return new URL(`http://${host}/`).hostname
  } catch {
    return undefined
  }
}

/** True for a hostname (as WHATWG serialises it) that is an IP address rather than a name. */
export function isIpHostname(hostname: string): boolean {
  return hostname.startsWith('[') || DOTTED_IPV4.test(hostname)
}
