import { ConfigPathError } from '../../config/load.js'
import type { ConfigPath } from '../../config/locate.js'
import type { ApisPermissions } from '../../config/schema.js'
import { type BoundaryResult, PERMITTED, refused } from '../boundary.js'
import { readAllowedEntry } from './allowed-entry.js'
import { isIpHostname } from './classify-host.js'
import { plainHostSpelling } from './host-spelling.js'
import { readUrlShape } from './url-shape.js'

/**
 * The compiled `apis` section of an agent's permissions. Hosts are canonical (lower case, punycode,
 * canonical IP spelling); a port set holds '' for "the scheme's default port" and explicit port numbers.
 */
export interface ApisPolicy {
  /** Exact hosts and IP literals → allowed ports. */
  readonly hosts: ReadonlyMap<string, ReadonlySet<string>>
  /** `*.suffix` entries, keyed by the suffix → allowed ports. Never matches the bare suffix or an IP. */
  readonly wildcards: ReadonlyMap<string, ReadonlySet<string>>
  /** Upper-case HTTP methods. */
  readonly methods: ReadonlySet<string>
  /** Requests per minute per agent and host set (sliding window), when limited. */
  readonly rateLimit: number | undefined
  /** A stable name for the allowed-host set, part of the rate-limit key. */
  readonly hostSetKey: string
}

/** Methods an `apis.methods` entry may name. CONNECT (tunnels) and TRACE (reflects headers) are never allowed. */
export const HTTP_METHODS: ReadonlySet<string> = new Set([
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'OPTIONS',
])

const DEFAULT_PORTS: Readonly<Record<string, string>> = { http: '80', https: '443' }

/**
 * Checks and compiles the `apis` permissions once, at load. A bad entry throws ConfigPathError naming it.
 * `host` allows the scheme's default port (80 for http, 443 for https); `host:8443` allows that port only
 * (list both for both); `*.suffix` covers every name under the suffix, never the suffix itself; an IP is
 * allowed only when listed, and only in its canonical spelling.
 *
 * @example
 * compileApisPolicy({ allowed: ['weather.api.com'], methods: ['GET'], rateLimit: 100 }, ['agents', 'a', 'permissions', 'apis'])
 */
export function compileApisPolicy(perms: ApisPermissions, at: ConfigPath): ApisPolicy {
  const hosts = new Map<string, Set<string>>()
  const wildcards = new Map<string, Set<string>>()
  perms.allowed.forEach((raw, i) => {
    const entry = readAllowedEntry(raw)
    if (entry.kind === 'error')
      throw new ConfigPathError([...at, 'allowed', i], `${JSON.stringify(raw)}: ${entry.why}`)
    const table = entry.kind === 'wildcard' ? wildcards : hosts
    const ports = table.get(entry.host) ?? new Set<string>()
    ports.add(entry.port)
    table.set(entry.host, ports)
  })
  const methods = new Set<string>()
  perms.methods.forEach((raw, i) => {
    const method = raw.toUpperCase()
    if (!HTTP_METHODS.has(method)) {
      throw new ConfigPathError(
        [...at, 'methods', i],
        `${JSON.stringify(raw)} is not an allowed HTTP method (one of ${[...HTTP_METHODS].join(', ')})`,
      )
    }
    methods.add(method)
  })
  const hostSetKey = [
    ...[...hosts].map(([h, p]) => `${h}|${[...p].sort().join(',')}`),
    ...[...wildcards].map(([h, p]) => `*.${h}|${[...p].sort().join(',')}`),
  ]
    .sort()
    .join(' ')
  return Object.freeze({ hosts, wildcards, methods, rateLimit: perms.rateLimit, hostSetKey })
}

/**
 * The static checks of one `http.request`: URL shape, scheme, userinfo, IP literals, host, port, method.
 * Pure and total — any input, however malformed, yields a result and never a throw. DNS resolution and
 * redirects are checked by the governed HTTP tool when it sends the request; the rate limit by checkApiRate.
 *
 * @example
 * checkHttpRequest(policy, 'GET', 'https://weather.api.com/v1/forecast?city=Oslo') // { allowed: true }
 */
export function checkHttpRequest(policy: ApisPolicy, method: unknown, url: unknown): BoundaryResult {
  if (typeof url !== 'string') return refused('API_URL_INVALID', 'the url argument must be a string')
  const shape = readUrlShape(url)
  if (!shape.ok) return refused(shape.code, shape.reason)
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return refused('API_URL_INVALID', 'the URL does not parse (WHATWG URL)')
  }
  const hostname = parsed.hostname
  const ip = isIpHostname(hostname)
  if (ip) {
    if (!policy.hosts.has(hostname)) {
      return refused('API_IP_LITERAL', `IP address ${hostname} is not explicitly allowed; use a host name`)
    }
    if (shape.host.toLowerCase() !== hostname) {
      return refused(
        'API_IP_LITERAL',
        `IP address written as ${shape.host}; write it canonically as ${hostname}`,
      )
    }
  } else if (hostname.startsWith('.') || hostname.includes('..')) {
    // An empty label would let `.api.com` slip under `*.api.com`; no real host has one.
    return refused('API_URL_INVALID', 'the host has an empty label')
  } else if (!plainHostSpelling(shape.host, hostname)) {
    return refused(
      'API_URL_INVALID',
      'the host uses characters that IDNA maps to ASCII (fullwidth letters or dots, soft hyphens)',
    )
  }
  const ports = ip ? policy.hosts.get(hostname) : allowedPorts(policy, hostname)
  if (ports === undefined) return refused('API_HOST_NOT_ALLOWED', `host ${hostname} is not in apis.allowed`)
  if (!portAllowed(ports, parsed.port, shape.scheme)) {
    const port = parsed.port === '' ? `${DEFAULT_PORTS[shape.scheme]} (the default)` : parsed.port
    return refused('API_PORT_NOT_ALLOWED', `port ${port} of ${hostname} is not listed in apis.allowed`)
  }
  if (typeof method !== 'string')
    return refused('API_METHOD_NOT_ALLOWED', 'the method argument must be a string')
  const upper = method.toUpperCase()
  if (!HTTP_METHODS.has(upper) || !policy.methods.has(upper)) {
    return refused(
      'API_METHOD_NOT_ALLOWED',
      `method ${JSON.stringify(method).slice(0, 40)} is not in apis.methods`,
    )
  }
  return PERMITTED
}

/** The ports allowed for a host name: its exact entry, merged with every `*.suffix` that covers it. */
function allowedPorts(policy: ApisPolicy, hostname: string): ReadonlySet<string> | undefined {
  let found = policy.hosts.get(hostname)
  if (policy.wildcards.size === 0) return found
  // Walk the proper suffixes only: `*.example.com` covers `a.example.com`, never `example.com` itself.
  for (let dot = hostname.indexOf('.'); dot >= 0; dot = hostname.indexOf('.', dot + 1)) {
    const ports = policy.wildcards.get(hostname.slice(dot + 1))
    if (ports !== undefined) found = found === undefined ? ports : new Set([...found, ...ports])
  }
  return found
}

function portAllowed(ports: ReadonlySet<string>, port: string, scheme: string): boolean {
  if (port === '') return ports.has('') || ports.has(DEFAULT_PORTS[scheme] ?? '')
  return ports.has(port)
}
