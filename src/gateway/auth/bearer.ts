/**
 * The token of an `Authorization: Bearer <token>` header (RFC 6750 §2.1: scheme case-insensitive, one
 * space), or undefined. Anything else (Basic, two tokens, an empty token) yields undefined.
 */
export function bearerToken(header: string | undefined | null): string | undefined {
  if (header === undefined || header === null) return undefined
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i.exec(header.trim())
  return match?.[1]
}
