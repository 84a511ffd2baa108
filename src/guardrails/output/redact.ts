import { createHmac } from 'node:crypto'
import { WardenError } from '../../errors/warden-error.js'
import type { Finding } from '../finding.js'
import type { TokenVault } from './token-vault.js'

/** How a finding's text is replaced. */
export type RedactionMode = 'label' | 'mask' | 'partial' | 'hash' | 'token'

export interface RedactOptions {
  readonly mode?: RedactionMode
  /** Key for `hash` mode (HMAC-SHA256), at least 16 bytes. */
  readonly hashKey?: Uint8Array
  /** Vault for `token` mode. */
  readonly vault?: TokenVault
}

/**
 * `text` with every finding replaced: `label` → `[REDACTED:EMAIL_ADDRESS]`, `mask` → `*` per
 * character, `partial` → all but the last four letters or digits masked (separators kept), `hash` →
 * `[EMAIL_ADDRESS:<HMAC-SHA256 prefix>]` (the same value always gives the same tag under one key, so
 * records correlate without revealing), `token` → a reversible vault token. Overlapping or out-of-range
 * findings are merged or clamped, so a span is never left half-redacted.
 *
 * @example
 * redact('mail bob@example.org', scanSensitive('mail bob@example.org')) // 'mail [REDACTED:EMAIL_ADDRESS]'
 */
export function redact(text: string, findings: readonly Finding[], options: RedactOptions = {}): string {
  const mode = options.mode ?? 'label'
  if (mode === 'hash' && (options.hashKey === undefined || options.hashKey.length < 16))
    throw new WardenError('REDACT_HASH_KEY_MISSING', 'hash redaction needs a hashKey of at least 16 bytes')
  if (mode === 'token' && options.vault === undefined)
    throw new WardenError('REDACT_VAULT_MISSING', 'token redaction needs a vault')
  const spans = mergeSpans(text.length, findings)
  let out = ''
  let pos = 0
  for (const s of spans) {
    out += text.slice(pos, s.start)
    out += replacement(text.slice(s.start, s.end), s.entity, mode, options)
    pos = s.end
  }
  return out + text.slice(pos)
}

interface Span {
  start: number
  end: number
  entity: string
}

// Clamp to the text, widen off a split surrogate pair, sort, and merge overlaps (the first entity wins
// the label: it started first).
function mergeSpans(length: number, findings: readonly Finding[]): Span[] {
  const spans: Span[] = []
  for (const f of findings) {
    const start = Math.max(0, Math.min(length, Math.floor(f.start)))
    const end = Math.max(0, Math.min(length, Math.ceil(f.end)))
    if (Number.isFinite(start) && Number.isFinite(end) && end > start)
      spans.push({ start, end, entity: f.entity })
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end)
  const merged: Span[] = []
  for (const s of spans) {
    const last = merged[merged.length - 1]
    if (last !== undefined && s.start < last.end) last.end = Math.max(last.end, s.end)
    else merged.push({ ...s })
  }
  return merged
}

function replacement(value: string, entity: string, mode: RedactionMode, options: RedactOptions): string {
  switch (mode) {
    case 'label':
      return `[REDACTED:${entity}]`
    case 'mask':
      return '*'.repeat(value.length)
    case 'partial':
      return partial(value)
    case 'hash': {
      const tag = createHmac('sha256', options.hashKey!).update(`${entity}\u0000${value}`).digest('hex')
      return `[${entity}:${tag.slice(0, 16)}]`
    }
    case 'token':
      return options.vault!.tokenize(value, entity)
  }
}

// Last four letters or digits stay (the card-receipt convention); values with fewer than eight are
// masked whole, since four of seven characters would reveal most of a short secret.
function partial(value: string): string {
  const alnum = value.replace(/[^A-Za-z0-9]/g, '').length
  let keep = alnum >= 8 ? 4 : 0
  let out = ''
  for (let i = value.length - 1; i >= 0; i--) {
    const ch = value[i]!
    if (/[A-Za-z0-9]/.test(ch)) {
      out = (keep > 0 ? ch : '*') + out
      if (keep > 0) keep--
    } else out = ch + out
  }
  return out
}
