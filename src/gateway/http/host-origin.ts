import type { MiddlewareHandler } from 'hono'
import { jsonError } from './http-error.js'

/** `host[:port]` split, host lower-cased, IPv6 kept in brackets; undefined for a malformed value. */
function splitHost(value: string): { host: string; port: string | undefined } | undefined {
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:[\]/@\s]+)(?::(\d{1,5}))?$/.exec(value.trim())
  if (match === null) return undefined
  return { host: (match[1] as string).toLowerCase(), port: match[2] }
}

/**
 * Whether a Host header names this gateway. A DNS-rebinding page reaches 127.0.0.1 under its own name
 * (`evil.example`), and the browser sends that name as Host: only the allow-listed names pass. An entry
 * without a port matches every port; with one, that port only. A missing Host is refused.
 */
export function hostAllowed(hostHeader: string | undefined, allowedHosts: readonly string[]): boolean {
  if (hostHeader === undefined) return false
  const got = splitHost(hostHeader)
  if (got === undefined) return false
  return allowedHosts.some((entry) => {
    const want = splitHost(entry)
    return want !== undefined && want.host === got.host && (want.port === undefined || want.port === got.port)
  })
}

/**
 * Whether a request's Origin may call the gateway. Programs send none (allowed: they hold a bearer key);
 * browsers always send one, and only an explicitly allowed origin, or a page served from an allowed host,
 * passes. The opaque origin `null` (sandboxed frames, file:) never does.
 */
export function originAllowed(
  origin: string | undefined,
  allowedHosts: readonly string[],
  allowedOrigins: readonly string[],
): boolean {
  if (origin === undefined) return true
  if (allowedOrigins.includes(origin)) return true
  let url: URL
  try {
    url = new URL(origin)
  } catch {
    return false
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false
  return hostAllowed(url.host, allowedHosts)
}

/** Refuses (403, HOST_NOT_ALLOWED / ORIGIN_NOT_ALLOWED) requests whose Host or Origin is not allowed. */
export function hostOriginGuard(options: {
  allowedHosts: readonly string[]
  allowedOrigins: readonly string[]
}): MiddlewareHandler {
  const allowedHosts = Object.freeze([...options.allowedHosts])
  const allowedOrigins = Object.freeze([...options.allowedOrigins])
  return async function hostOrigin(c, next) {
    const host = c.req.header('host') ?? hostOfUrl(c.req.url)
    if (!hostAllowed(host, allowedHosts)) {
      return jsonError(c, 403, 'HOST_NOT_ALLOWED', `Host ${JSON.stringify(host ?? '')} is not allowed`)
    }
    const origin = c.req.header('origin')
    if (!originAllowed(origin, allowedHosts, allowedOrigins)) {
      return jsonError(c, 403, 'ORIGIN_NOT_ALLOWED', `Origin ${JSON.stringify(origin)} is not allowed`)
    }
    await next()
  }
}

// app.request() in tests builds a Request without a Host header; the URL's host stands in for it.
function hostOfUrl(url: string): string | undefined {
  try {
    return new URL(url).host
  } catch {
    return undefined
  }
}
