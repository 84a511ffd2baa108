import { WardenError } from '../errors/warden-error.js'

// Tokens are restricted to characters that are literal in both NATS subjects and Redis glob patterns, so
// an agent id can never smuggle a wildcard (`*`, `>`, `?`, `[`) into a subject and widen a subscription.
const TOKEN = /^[A-Za-z0-9_\-:%@+=~]+$/
const MAX_SUBJECT_LENGTH = 512

/** Throws BUS_SUBJECT_INVALID unless `subject` is a concrete subject (no wildcards) fit to publish on. */
export function assertPublishSubject(subject: string): readonly string[] {
  const tokens = split(subject)
  for (const token of tokens) {
    if (!TOKEN.test(token))
      throw invalid(subject, `token "${token}" has a character outside [A-Za-z0-9_-:%@+=~]`)
  }
  return tokens
}

/** Throws BUS_SUBJECT_INVALID unless `pattern` is a subject whose tokens may also be `*`, or `>` last. */
export function assertSubscribePattern(pattern: string): readonly string[] {
  const tokens = split(pattern)
  tokens.forEach((token, i) => {
    if (token === '*' || TOKEN.test(token)) return
    if (token === '>' && i === tokens.length - 1) return
    throw invalid(pattern, token === '>' ? '`>` must be the last token' : `token "${token}" is not allowed`)
  })
  return tokens
}

/** True when a concrete subject matches a NATS-style pattern (`*` one token, `>` one or more at the end). */
export function subjectMatches(pattern: readonly string[], subject: readonly string[]): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]
    if (p === '>') return subject.length > i
    if (i >= subject.length) return false
    if (p !== '*' && p !== subject[i]) return false
  }
  return pattern.length === subject.length
}

export function hasWildcard(tokens: readonly string[]): boolean {
  return tokens.some((t) => t === '*' || t === '>')
}

/**
 * Turns any string (an agent id) into one subject token: characters outside [A-Za-z0-9_-] are
 * percent-encoded as UTF-8, so `a.b`, `*` and `>` stay inside their token and distinct ids stay distinct.
 */
export function subjectToken(value: string): string {
  if (value === '') throw invalid(value, 'an empty token')
  let out = ''
  for (const byte of Buffer.from(value, 'utf8')) {
    const c = String.fromCharCode(byte)
    out += /[A-Za-z0-9_-]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return out
}

function split(subject: string): string[] {
  if (typeof subject !== 'string' || subject === '') throw invalid(String(subject), 'it is empty')
  if (subject.length > MAX_SUBJECT_LENGTH)
    throw invalid(subject.slice(0, 40), `longer than ${MAX_SUBJECT_LENGTH}`)
  const tokens = subject.split('.')
  if (tokens.some((t) => t === '')) throw invalid(subject, 'it has an empty token')
  return tokens
}

function invalid(subject: string, why: string): WardenError {
  return new WardenError('BUS_SUBJECT_INVALID', `bus subject "${subject}" is invalid: ${why}`)
}
