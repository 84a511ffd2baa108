import { classifyHost } from './classify-host.js'

/**
 * Where an IP address points. Anything but `public` is a server-side request forgery target (the cloud
 * metadata service at 169.254.169.254, localhost admin ports, the office network): the governed HTTP tool
 * refuses those after DNS resolution, so a name that resolves (or re-resolves) inside is caught too.
 */
export type IpScope =
  | 'public'
  | 'private'
  | 'loopback'
  | 'linkLocal'
  | 'unspecified'
  | 'multicast'
  | 'reserved'

type V4Range = readonly [base: number, bits: number, scope: IpScope]

// RFC 6890 special-purpose IPv4 registry, reduced to what matters for egress.
const V4_RANGES: readonly V4Range[] = [
  [v4(0, 0, 0, 0), 8, 'unspecified'],
  [v4(10, 0, 0, 0), 8, 'private'],
  [v4(100, 64, 0, 0), 10, 'private'], // carrier-grade NAT (RFC 6598)
  [v4(127, 0, 0, 0), 8, 'loopback'],
  [v4(169, 254, 0, 0), 16, 'linkLocal'], // includes cloud metadata 169.254.169.254
  [v4(172, 16, 0, 0), 12, 'private'],
  [v4(192, 0, 0, 0), 24, 'reserved'],
  [v4(192, 0, 2, 0), 24, 'reserved'],
  [v4(192, 88, 99, 0), 24, 'reserved'],
  [v4(192, 168, 0, 0), 16, 'private'],
  [v4(198, 18, 0, 0), 15, 'reserved'],
  [v4(198, 51, 100, 0), 24, 'reserved'],
  [v4(203, 0, 113, 0), 24, 'reserved'],
  [v4(224, 0, 0, 0), 4, 'multicast'],
  [v4(240, 0, 0, 0), 4, 'reserved'], // includes 255.255.255.255
]

/**
 * The scope of an IP address in any notation (`0x7f.1`, `[::ffff:169.254.169.254]`, `fe80::1%eth0`), or
 * undefined when `host` is not an IP address. IPv6 forms that embed an IPv4 address (mapped, compatible,
 * NAT64 64:ff9b::/96, 6to4 2002::/16) take the scope of the embedded address.
 *
 * @example
 * ipScope('169.254.169.254') // 'linkLocal'
 * ipScope('[::ffff:7f00:1]') // 'loopback'
 * ipScope('93.184.216.34') // 'public'
 */
export function ipScope(host: string): IpScope | undefined {
  const c = classifyHost(host)
  if (c.kind === 'ipv4') return v4Scope(parseV4(c.address))
  if (c.kind === 'ipv6') return v6Scope(parseV6(c.address.slice(1, -1)))
  return undefined
}

function v4Scope(address: number): IpScope {
  for (const [base, bits, scope] of V4_RANGES) {
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0
    if ((address & mask) >>> 0 === base) return scope
  }
  return 'public'
}

function v6Scope(g: readonly number[]): IpScope {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g
  const low32 = ((g6 << 16) | g7) >>> 0
  const upperZero = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0
  if (upperZero && g5 === 0 && g6 === 0) return g7 === 0 ? 'unspecified' : g7 === 1 ? 'loopback' : 'reserved'
  if (upperZero && (g5 === 0xffff || g5 === 0)) return v4Scope(low32) // ::ffff:a.b.c.d and ::a.b.c.d
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return v4Scope(low32)
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 1) return 'private' // local-use NAT64 (RFC 8215)
  if (g0 === 0x2002) return v4Scope(((g1 << 16) | g2) >>> 0) // 6to4 embeds the IPv4 address
  if ((g0 & 0xfe00) === 0xfc00) return 'private' // unique local fc00::/7
  if ((g0 & 0xffc0) === 0xfe80) return 'linkLocal'
  if ((g0 & 0xffc0) === 0xfec0) return 'private' // deprecated site-local
  if ((g0 & 0xff00) === 0xff00) return 'multicast'
  if (g0 === 0x2001 && g1 === 0xdb8) return 'reserved' // documentation
  if (g0 === 0x2001 && g1 === 0) return 'reserved' // Teredo tunnels reach anything
  if (g0 === 0x100 && g1 === 0 && g2 === 0 && g3 === 0) return 'reserved' // discard-only
  if ((g0 & 0xe000) !== 0x2000) return 'reserved' // outside global unicast 2000::/3
  return 'public'
}

function v4(a: number, b: number, c: number, d: number): number {
  return ((a << 24) | (b << 16) | (c << 8) | d) >>> 0
}

function parseV4(dotted: string): number {
  const [a = 0, b = 0, c = 0, d = 0] = dotted.split('.').map(Number)
  return v4(a, b, c, d)
}

/** Eight 16-bit groups of a WHATWG-serialised IPv6 address (hex groups, at most one `::`). */
function parseV6(text: string): number[] {
  const [head = '', tail] = text.split('::')
  const left = head === '' ? [] : head.split(':')
  const right = tail === undefined || tail === '' ? [] : tail.split(':')
  const zeros = tail === undefined ? [] : new Array<string>(8 - left.length - right.length).fill('0')
  return [...left, ...zeros, ...right].map((h) => Number.parseInt(h, 16))
}
