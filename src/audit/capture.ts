import { hash } from 'node:crypto'
import { canonicalJson } from './canonical-json.js'
import type { CaptureMode, PayloadDigest } from './record.js'

/** Replaces what a record must not keep verbatim; returns a value safe to store. */
export type Redactor = (value: Record<string, unknown>) => Record<string, unknown>

/** SHA-256 and byte size of the canonical form of a payload. */
export function digestOf(value: unknown): PayloadDigest {
  const text = canonicalJson(value)
  return { sha256: hash('sha256', text, 'hex'), bytes: Buffer.byteLength(text) }
}

/**
 * What the record keeps of a payload. A log must not become the leak: `hashes` keeps only the digest,
 * `redacted` keeps the redactor's output (and falls back to `hashes` when no redactor exists, failing
 * closed), `full` keeps everything.
 */
export function capturePayload(
  value: Record<string, unknown>,
  mode: CaptureMode,
  redact: Redactor | undefined,
): { kept: unknown; mode: CaptureMode } {
  if (mode === 'full') return { kept: value, mode }
  if (mode === 'redacted' && redact !== undefined) return { kept: redact(value), mode }
  return { kept: null, mode: 'hashes' }
}

/**
 * The `redacted` capture of a payload some of whose members the caller already holds redacted by the same
 * scanner (`redacted`): those are kept as given, the redactor runs over the rest.
 */
export function captureWithRedacted(
  value: Record<string, unknown>,
  redacted: Readonly<Record<string, unknown>>,
  redact: Redactor,
): { kept: unknown; mode: CaptureMode } {
  const rest: Record<string, unknown> = {}
  for (const [key, member] of Object.entries(value)) if (!Object.hasOwn(redacted, key)) rest[key] = member
  const kept = redact(rest)
  // A rest too large to walk keeps only its digest (the redactor's answer); nothing of it is stored.
  if (Object.hasOwn(kept, 'unredactable')) return { kept, mode: 'redacted' }
  return { kept: { ...kept, ...redacted }, mode: 'redacted' }
}

const PAYLOAD_KEYS = new Set(['args', 'inputs', 'outputs', 'result', 'content', 'body'])

/**
 * The pipeline trace with payloads (rewritten arguments, results) replaced by their digests, for the
 * modes that must not store raw data: a stage that rewrote `args` would otherwise smuggle them in.
 */
export function captureTrace(
  trace: readonly unknown[],
  mode: CaptureMode,
  redact: Redactor | undefined,
): unknown[] {
  if (mode === 'full') return [...trace]
  return trace.map((step) => strip(step, mode, redact, 0))
}

function strip(value: unknown, mode: CaptureMode, redact: Redactor | undefined, depth: number): unknown {
  if (value === null || typeof value !== 'object' || depth > 32) return value
  if (Array.isArray(value)) return value.map((item) => strip(item, mode, redact, depth + 1))
  const out: Record<string, unknown> = {}
  for (const [key, member] of Object.entries(value as Record<string, unknown>)) {
    if (PAYLOAD_KEYS.has(key) && member !== null && typeof member === 'object') {
      out[key] =
        mode === 'redacted' && redact !== undefined && !Array.isArray(member)
          ? redact(member as Record<string, unknown>)
          : { digest: digestOf(member) }
    } else {
      out[key] = strip(member, mode, redact, depth + 1)
    }
  }
  return out
}
