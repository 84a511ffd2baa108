import type { KeyObject } from 'node:crypto'
import { WardenError } from '../errors/warden-error.js'
import type { AuditStore, RetentionMark, StoredCheckpoint } from '../store/audit-store.js'
import { verifyCheckpoint } from './checkpoint.js'
import { leafHash, MerkleFrontier } from './merkle.js'
import { decodeHead } from './record.js'

const UNIT_MS: Readonly<Record<string, number>> = { d: 86_400_000, h: 3_600_000, m: 60_000 }

/** `400d`, `12h`, `30m` in milliseconds (the format `audit.retention` accepts). */
export function retentionMs(text: string): number {
  const match = /^(\d+)([dhm])$/.exec(text)
  if (match === null)
    throw new WardenError(
      'CONFIG_INVALID',
      `audit.retention: ${JSON.stringify(text)} is not like 400d, 12h or 30m`,
    )
  return Number(match[1]) * (UNIT_MS[match[2] as string] as number)
}

/** How many records a retention run removed, and the mark it wrote (null when nothing was old enough). */
export interface RetentionResult {
  readonly removed: number
  readonly mark: RetentionMark | null
}

/**
 * Removes old records only as whole sealed segments: everything below the largest checkpoint whose
 * last record is older than `cutoff`. The checkpoint, the Merkle frontier and the last leaf hash are
 * kept in an append-only retention mark, so what remains still verifies against every later
 * checkpoint, and the removal itself is on record. Under legal hold nothing is removed.
 */
export async function applyRetention(
  audit: AuditStore,
  options: { cutoff: Date; legalHold: boolean; publicKey: KeyObject; now?: () => Date },
): Promise<RetentionResult> {
  if (options.legalHold)
    throw new WardenError('AUDIT_RETENTION_HELD', 'audit.legalHold is set: no records are removed')
  const previous = await audit.retention()
  const start = previous?.upTo ?? 0
  const cutoff = options.cutoff.toISOString()
  const candidates = (await audit.checkpoints())
    .filter((c) => c.size > start && verifyCheckpoint(c, options.publicKey))
    .sort((a, b) => b.size - a.size)
  for (const checkpoint of candidates) {
    const [last] = await audit.scan(checkpoint.size - 1, 1)
    if (last === undefined || last.seq !== checkpoint.size - 1) continue
    const timestamp = (JSON.parse(last.body) as { timestamp?: string }).timestamp ?? ''
    if (timestamp >= cutoff) continue
    const mark = await sealSegment(
      audit,
      previous,
      checkpoint,
      (options.now ?? (() => new Date()))().toISOString(),
    )
    return { removed: await audit.prune(mark), mark }
  }
  return { removed: 0, mark: null }
}

async function sealSegment(
  audit: AuditStore,
  previous: RetentionMark | null,
  checkpoint: StoredCheckpoint,
  time: string,
): Promise<RetentionMark> {
  const frontier =
    previous === null
      ? new MerkleFrontier()
      : new MerkleFrontier(
          previous.upTo,
          previous.frontier.map((h) => Buffer.from(h, 'hex')),
        )
  let lastHash = previous?.lastHash ?? ''
  while (frontier.size < checkpoint.size) {
    const rows = await audit.scan(frontier.size, Math.min(10_000, checkpoint.size - frontier.size))
    for (const row of rows) {
      if (row.seq !== frontier.size || decodeHead(row.body)?.seq !== row.seq) {
        throw new WardenError(
          'AUDIT_NOT_FOUND',
          `record ${frontier.size} is missing or moved: run warden audit verify before retention`,
        )
      }
      const hash = leafHash(row.body)
      frontier.push(hash)
      lastHash = hash.toString('hex')
    }
    if (rows.length === 0) break
  }
  // Never remove what does not match its seal: the evidence of tampering would go with it.
  if (frontier.size !== checkpoint.size || frontier.root().toString('hex') !== checkpoint.root) {
    throw new WardenError(
      'AUDIT_NOT_FOUND',
      `records below ${checkpoint.size} do not match their checkpoint: run warden audit verify`,
    )
  }
  return {
    upTo: checkpoint.size,
    lastHash,
    frontier: frontier.hashes.map((h) => h.toString('hex')),
    checkpoint,
    time,
  }
}
