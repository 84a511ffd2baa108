import type { CatalogArea } from '../entry.js'

/** Codes of the `apis` boundary (`http.request`): static URL checks and the per-agent rate limit. */
export const apisCodes: CatalogArea = {
  API_URL_INVALID: {
    kind: 'decision',
    meaning:
      'The url is not a plain absolute http(s) URL: it does not parse, is relative or scheme-relative, or is spelled so that parsers could disagree on its host (whitespace or control characters, a backslash, percent-encoding or IDNA-mapped characters in the host, a port with leading zeros, not exactly two slashes after the scheme).',
    fix: 'Send the URL as https://host[:port]/path with the host written plainly.',
  },
  API_SCHEME_NOT_ALLOWED: {
    kind: 'decision',
    meaning:
      'The URL scheme is neither http nor https (file:, ftp:, gopher:, data:, javascript: … are refused).',
    fix: 'Use an http or https URL; other protocols are not available to agents.',
  },
  API_USERINFO: {
    kind: 'decision',
    meaning:
      'The URL authority contains `@` (user:password@host): credentials do not belong in URLs, and `a@b` is a classic way to make a host check read the wrong name.',
    fix: 'Remove the userinfo; credentials are configured for the upstream, not passed by the agent.',
  },
  API_IP_LITERAL: {
    kind: 'decision',
    meaning:
      'The URL names an IP address (in any notation: dotted, decimal, hex, octal, short, IPv6, IPv4-mapped) that is not explicitly listed in apis.allowed, or a listed IP written in a non-canonical notation.',
    fix: 'Use the host name; if the agent must reach that address, list it in apis.allowed and write it canonically.',
  },
  API_HOST_NOT_ALLOWED: {
    kind: 'decision',
    meaning:
      'The host is not in apis.allowed (compared exactly, in punycode; `*.suffix` covers subdomains but not the suffix itself; a trailing dot is a different name).',
    fix: 'Add the host to agents.<id>.permissions.apis.allowed if the agent should reach it.',
  },
  API_PORT_NOT_ALLOWED: {
    kind: 'decision',
    meaning: 'The host is allowed but on another port; non-default ports must be listed as host:port.',
    fix: 'Add `host:port` to apis.allowed, or use the scheme’s default port.',
  },
  API_METHOD_NOT_ALLOWED: {
    kind: 'decision',
    meaning: 'The HTTP method is missing, unknown, or not in apis.methods (default: GET only).',
    fix: 'Add the method to agents.<id>.permissions.apis.methods if the agent should use it.',
  },
  API_HEADER_NOT_ALLOWED: {
    kind: 'decision',
    meaning:
      'The request headers are malformed (not an object of strings, a bad name, CR/LF/NUL in a value) or include one that re-routes or re-frames the request (Host, Forwarded, X-Forwarded-*, X-HTTP-Method-Override, Transfer-Encoding, Content-Length, Connection, Proxy-*).',
    fix: 'Drop the header; the URL decides where the request goes and the HTTP client frames it.',
  },
  RATE_LIMITED: {
    kind: 'decision',
    meaning:
      'The agent made more requests than its rate limit allows in the sliding window (apis.rateLimit: per minute, per agent and allowed-host set). The reason says when to retry; detail.retryAfterMs gives it in milliseconds.',
    fix: 'Wait the time the reason gives, or raise the limit in configuration if the load is legitimate.',
  },
}
