/**
 * The raw shape of an absolute http(s) URL, read before any parser repairs it. WHATWG URL forgives a lot
 * (`https:evil.com`, `https:\\evil.com`, tabs and newlines, `%2e` in hosts, `\` as `/`), and the tool
 * or upstream server that finally sends the request may parse differently (Python's urllib, curl, Go).
 * Anything two parsers could read as two different hosts is refused here, so the host Warden checks is
 * the host every parser sees.
 */
export type UrlShape =
  | {
      readonly ok: true
      /** Lower-cased scheme without the colon. */
      readonly scheme: string
      /** The host exactly as written (brackets kept for IPv6). */
      readonly host: string
      /** The port as written, '' when absent. */
      readonly port: string
    }
  | { readonly ok: false; readonly code: UrlShapeCode; readonly reason: string }

export type UrlShapeCode = 'API_URL_INVALID' | 'API_SCHEME_NOT_ALLOWED' | 'API_USERINFO'

/** Longer URLs are refused (they are not API calls, and they bound the work per check). */
export const MAX_URL_LENGTH = 8_192

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/
// C0 controls, space and DEL: WHATWG strips tabs and newlines inside URLs, other parsers keep them.
const CONTROL_OR_SPACE = /[\u0000-\u0020\u007f]/
const PORT = /^[1-9][0-9]{0,4}$/

/**
 * Splits `url` into scheme, host and port as written, refusing every ambiguous spelling.
 *
 * @example
 * readUrlShape('https://weather.api.com:8443/v1') // { ok: true, scheme: 'https', host: 'weather.api.com', port: '8443' }
 * readUrlShape('https://evil.com\\@weather.api.com') // { ok: false, code: 'API_URL_INVALID', ... }
 */
export function readUrlShape(url: string): UrlShape {
  if (url.length === 0) return fail('API_URL_INVALID', 'the URL is empty')
  if (url.length > MAX_URL_LENGTH)
    return fail('API_URL_INVALID', `the URL is longer than ${MAX_URL_LENGTH} characters`)
  if (CONTROL_OR_SPACE.test(url)) {
    return fail(
      'API_URL_INVALID',
      'the URL contains whitespace or control characters (parsers disagree on them)',
    )
  }
  const scheme = SCHEME.exec(url)?.[1]?.toLowerCase()
  if (scheme === undefined) {
    return fail('API_URL_INVALID', 'not an absolute URL (scheme-relative and relative URLs are refused)')
  }
  if (scheme !== 'http' && scheme !== 'https') {
    return fail('API_SCHEME_NOT_ALLOWED', `scheme ${scheme}: is not allowed; only http and https`)
  }
  const rest = url.slice(scheme.length + 1)
  if (!rest.startsWith('//') || rest[2] === '/' || rest[2] === '\\') {
    return fail(
      'API_URL_INVALID',
      `write the URL as ${scheme}://host/path (exactly two slashes after the scheme)`,
    )
  }
  const end = firstOf(rest, 2)
  const authority = rest.slice(2, end)
  if (rest[end] === '\\') {
    return fail('API_URL_INVALID', 'a backslash ends the host for some parsers and not for others')
  }
  if (authority.includes('@')) {
    return fail(
      'API_USERINFO',
      'credentials or `@` in the URL authority are refused (user@host confuses host checks)',
    )
  }
  if (authority.includes('%')) return fail('API_URL_INVALID', 'percent-encoding in the host is refused')
  return splitAuthority(scheme, authority)
}

function splitAuthority(scheme: string, authority: string): UrlShape {
  let host = authority
  let port = ''
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']')
    if (close < 0) return fail('API_URL_INVALID', 'an IPv6 host is missing its closing bracket')
    host = authority.slice(0, close + 1)
    const after = authority.slice(close + 1)
    if (after !== '') {
      if (!after.startsWith(':')) return fail('API_URL_INVALID', 'unexpected characters after the IPv6 host')
      port = after.slice(1)
      if (!validPort(port))
        return fail('API_URL_INVALID', `port ${JSON.stringify(port)} is not a port number`)
    }
  } else {
    const colon = authority.indexOf(':')
    if (colon >= 0) {
      host = authority.slice(0, colon)
      port = authority.slice(colon + 1)
      if (!validPort(port))
        return fail('API_URL_INVALID', `port ${JSON.stringify(port)} is not a port number`)
    }
  }
  if (host.length === 0) return fail('API_URL_INVALID', 'the URL has no host')
  return { ok: true, scheme, host, port }
}

/** 1–65535, written without leading zeros or signs (`0443` reads as 443 in some parsers and not others). */
export function validPort(port: string): boolean {
  return PORT.test(port) && Number(port) <= 65_535
}

/** Index of the first `/`, `?`, `#` or `\` at or after `from` (the end of the authority), else the length. */
function firstOf(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x2f || c === 0x3f || c === 0x23 || c === 0x5c) return i
  }
  return text.length
}

function fail(code: UrlShapeCode, reason: string): UrlShape {
  return { ok: false, code, reason }
}
