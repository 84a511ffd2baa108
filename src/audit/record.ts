import { canonicalJson } from './canonical-json.js'

/** What the pipeline hands the audit log for one step of one action (the seed's `AuditLog` fields and more). */
export interface AuditEntryInput {
  readonly phase: 'decision' | 'intent' | 'outcome'
  readonly actionId: string
  readonly timestamp?: Date
  readonly agentId: string
  readonly sessionId?: string
  /** The tool name. */
  readonly action: string
  readonly inputs: Record<string, unknown>
  readonly outputs?: Record<string, unknown>
  /**
   * Members of `outputs` already in the form the default `redacted` capture keeps (the output stage's scan
   * reused, see OutputGuardrails `auditView`); that capture redacts only the other members. Ignored by the
   * other modes and by a custom redactor. Never stored itself.
   */
  readonly redactedOutputs?: () => Readonly<Record<string, unknown>>
  readonly user?: string
  readonly permissions: readonly string[]
  readonly guardrailsApplied: readonly string[]
  readonly reasoning?: string
  readonly confidenceScore?: number
  readonly success?: boolean
  readonly errorDetails?: string
  readonly decision: string
  readonly risk: string
  readonly reasons: readonly { stage: string; code: string; message: string }[]
  readonly trace: readonly unknown[]
}

/** What a record keeps of inputs and outputs (`audit.capture`). */
export type CaptureMode = 'redacted' | 'hashes' | 'full'

/** SHA-256 and size in bytes of the canonical JSON of a payload: proves what was sent without keeping it. */
export interface PayloadDigest {
  readonly sha256: string
  readonly bytes: number
}

/** One stored record: the leaf of the Merkle tree is SHA-256(0x00 || encodeRecord(record)). */
export interface AuditRecord {
  readonly seq: number
  /** Leaf hash of the record before (hash chain): a record commits to its place in the sequence. */
  readonly prev: string
  readonly v: 1
  readonly phase: AuditEntryInput['phase']
  readonly actionId: string
  readonly timestamp: string
  readonly agentId: string
  readonly sessionId: string | null
  readonly action: string
  readonly inputs: unknown
  readonly inputsDigest: PayloadDigest
  readonly outputs: unknown
  readonly outputsDigest: PayloadDigest | null
  readonly user: string | null
  readonly permissions: readonly string[]
  readonly guardrailsApplied: readonly string[]
  readonly reasoning: string | null
  readonly confidenceScore: number | null
  readonly success: boolean | null
  readonly errorDetails: string | null
  readonly decision: string
  readonly risk: string
  readonly reasons: readonly { stage: string; code: string; message: string }[]
  readonly trace: readonly unknown[]
  readonly capture: CaptureMode
}

/** The `prev` of record 0. */
export const GENESIS_PREV = '0'.repeat(64)

/**
 * The bytes a record is hashed as: canonical JSON, except that `seq` and `prev` come first so verify
 * reads a record's claimed place without parsing the whole body (and can tell moved rows from edited ones).
 */
export function encodeRecord(record: AuditRecord): string {
  const { seq, prev, ...rest } = record
  if (!Number.isSafeInteger(seq) || seq < 0) throw new RangeError(`encodeRecord: bad seq ${seq}`)
  if (!/^[0-9a-f]{64}$/.test(prev)) throw new RangeError('encodeRecord: prev must be 64 hex digits')
  return `{"seq":${seq},"prev":"${prev}",${canonicalJson(rest).slice(1)}`
}

const PREFIX = '{"seq":'
const PREV = '"prev":"'

/** The `seq` and `prev` a stored body claims, or null when it does not have the shape Warden writes. */
export function decodeHead(body: string): { seq: number; prev: string } | null {
  // Hand-parsed with char codes: verify calls this once per record and regexes showed in its profile.
  if (!body.startsWith(PREFIX)) return null
  let at = PREFIX.length
  let seq = 0
  for (; at < body.length && at - PREFIX.length <= 16; at++) {
    const c = body.charCodeAt(at)
    if (c < 48 || c > 57) break
    if (c === 48 && at === PREFIX.length && body.charCodeAt(at + 1) !== 44) return null // no leading zeros
    seq = seq * 10 + (c - 48)
  }
  if (at === PREFIX.length || body.charCodeAt(at) !== 44 || !Number.isSafeInteger(seq)) return null
  if (!body.startsWith(PREV, at + 1)) return null
  const start = at + 1 + PREV.length
  for (let i = start; i < start + 64; i++) {
    const c = body.charCodeAt(i)
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return null
  }
  if (body.charCodeAt(start + 64) !== 34 || body.charCodeAt(start + 65) !== 44) return null
  return { seq, prev: body.slice(start, start + 64) }
}

/** Parses a stored body back into a record (for query and export; verify hashes the text as stored). */
export function decodeRecord(body: string): AuditRecord {
  return JSON.parse(body) as AuditRecord
}
