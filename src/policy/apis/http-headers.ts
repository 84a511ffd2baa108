import { type BoundaryResult, PERMITTED, refused } from '../boundary.js'

// Headers that re-route or re-frame a request the URL check already approved: `Host` and its forwarding
// cousins pick another virtual host or fool an internal allow-list behind the API, hop-by-hop and framing
// headers enable request smuggling, proxy headers talk to a proxy instead of the API.
const FORBIDDEN: ReadonlySet<string> = new Set([
  'host',
  'forwarded',
  'x-forwarded-host',
  'x-forwarded-for',
  'x-forwarded-proto',
  'x-forwarded-port',
  'x-forwarded-server',
  'x-original-url',
  'x-rewrite-url',
  'x-http-method-override',
  'x-http-method',
  'x-method-override',
  'x-real-ip',
  'x-host',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'content-length',
  'expect',
  'proxy-authorization',
  'proxy-connection',
])

// RFC 9110 field-name token; values may not carry CR, LF or NUL (header injection splits the request).
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
const BAD_VALUE = /[\r\n\0]/
const MAX_HEADERS = 100
const MAX_HEADER_BYTES = 16_384

/**
 * Static checks of `http.request`'s `headers`: an object of string values, valid names, no CR/LF/NUL in
 * values, and none of the headers that re-route or re-frame the request (Host, X-Forwarded-*,
 * X-HTTP-Method-Override, Transfer-Encoding, Connection, Proxy-*). Pure and total.
 *
 * @example
 * checkHttpHeaders({ Accept: 'application/json' }) // { allowed: true }
 * checkHttpHeaders({ Host: 'internal.admin' }) // { allowed: false, code: 'API_HEADER_NOT_ALLOWED', … }
 */
export function checkHttpHeaders(headers: unknown): BoundaryResult {
  if (headers === undefined || headers === null) return PERMITTED
  if (typeof headers !== 'object' || Array.isArray(headers)) {
    return refused('API_HEADER_NOT_ALLOWED', 'headers must be an object of header names to string values')
  }
  const entries = Object.entries(headers)
  if (entries.length > MAX_HEADERS)
    return refused('API_HEADER_NOT_ALLOWED', `more than ${MAX_HEADERS} headers`)
  let bytes = 0
  for (const [name, value] of entries) {
    if (!TOKEN.test(name))
      return refused('API_HEADER_NOT_ALLOWED', `${JSON.stringify(name.slice(0, 40))} is not a header name`)
    if (FORBIDDEN.has(name.toLowerCase())) {
      return refused('API_HEADER_NOT_ALLOWED', `header ${name} would change where or how the request goes`)
    }
    if (typeof value !== 'string') return refused('API_HEADER_NOT_ALLOWED', `header ${name} must be a string`)
    if (BAD_VALUE.test(value))
      return refused('API_HEADER_NOT_ALLOWED', `header ${name} contains CR, LF or NUL`)
    bytes += name.length + value.length
    if (bytes > MAX_HEADER_BYTES)
      return refused('API_HEADER_NOT_ALLOWED', `headers exceed ${MAX_HEADER_BYTES} bytes`)
  }
  return PERMITTED
}
