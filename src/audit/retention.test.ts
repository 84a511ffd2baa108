import { describe, expect, it } from 'vitest'
import { openStore } from '../store/open-store.js'
import { AuditLog } from './audit-log.js'
import { proveRecord, verifyProofBundle } from './prove.js'
import { applyRetention, retentionMs } from './retention.js'
import { anEntry } from './test-entry.js'
import { verifyLog } from './verify.js'

const OLD = new Date('2025-01-01T00:00:00.000Z')
const NEW = new Date('2026-06-01T00:00:00.000Z')

async function aLogWithOldSegment() {
  const store = await openStore('memory:')
  const log = await AuditLog.open(store, { checkpointEvery: 0 })
  for (let i = 0; i < 30; i++) await log.append(anEntry({ actionId: `old${i}`, timestamp: OLD }))
  await log.checkpoint()
  for (let i = 0; i < 5; i++) await log.append(anEntry({ actionId: `mixed${i}`, timestamp: NEW }))
  await log.checkpoint()
  for (let i = 0; i < 10; i++) await log.append(anEntry({ actionId: `new${i}`, timestamp: NEW }))
  return { store, log }
}

describe('applyRetention', () => {
  it('removes only the sealed segment older than the cutoff; what remains verifies and proves', async () => {
    const { store, log } = await aLogWithOldSegment()
    const result = await applyRetention(store.audit, {
      cutoff: new Date('2026-01-01'),
      legalHold: false,
      publicKey: log.key.publicKey,
    })
    expect(result.removed).toBe(30)
    expect(result.mark?.upTo).toBe(30)
    expect(await store.audit.retention()).toEqual(result.mark)
    await log.append(anEntry({ actionId: 'after' }))
    const cp = await log.checkpoint()
    expect(cp.size).toBe(46)
    expect(await verifyLog(store.audit, { publicKey: log.key.publicKey })).toMatchObject({
      ok: true,
      records: 16,
    })
    const bundle = await proveRecord(store.audit, 40, cp)
    expect(verifyProofBundle(bundle, log.key.publicKey).ok).toBe(true)
    await expect(proveRecord(store.audit, 3, cp)).rejects.toMatchObject({ code: 'AUDIT_NOT_FOUND' })
  })

  it('removes nothing when no sealed segment is old enough, and nothing under legal hold', async () => {
    const { store, log } = await aLogWithOldSegment()
    const key = log.key.publicKey
    expect(await applyRetention(store.audit, { cutoff: OLD, legalHold: false, publicKey: key })).toEqual({
      removed: 0,
      mark: null,
    })
    await expect(
      applyRetention(store.audit, { cutoff: NEW, legalHold: true, publicKey: key }),
    ).rejects.toMatchObject({
      code: 'AUDIT_RETENTION_HELD',
    })
    expect(await store.audit.count()).toBe(45)
  })

  it('refuses to remove a segment that no longer matches its checkpoint (the evidence would go with it)', async () => {
    const { store, log } = await aLogWithOldSegment()
    const rows = await store.audit.scan(0, 100)
    Object.assign(store.audit, {
      scan: async (from: number, limit: number) =>
        rows
          .filter((r) => r.seq >= from)
          .slice(0, limit)
          .map((r) => (r.seq === 4 ? { ...r, body: r.body.replace('old4', 'old9') } : r)),
    })
    await expect(
      applyRetention(store.audit, { cutoff: NEW, legalHold: false, publicKey: log.key.publicKey }),
    ).rejects.toMatchObject({ code: 'AUDIT_NOT_FOUND' })
  })

  it('reports a retention mark whose frontier has the wrong number of hashes, instead of failing', async () => {
    const { store, log } = await aLogWithOldSegment()
    const result = await applyRetention(store.audit, {
      cutoff: new Date('2026-01-01'),
      legalHold: false,
      publicKey: log.key.publicKey,
    })
    const mark = result.mark
    if (mark === null || mark === undefined) throw new Error('no mark')
    // 30 = 16 + 8 + 4 + 2: four hashes; a mark with one is forged or damaged.
    await store.audit.prune({ ...mark, frontier: [mark.frontier[0] as string], time: 'later' })
    const report = await verifyLog(store.audit, { publicKey: log.key.publicKey })
    expect(report.ok).toBe(false)
    expect(report.problems[0]).toMatchObject({ seq: 30, kind: 'modified' })
  })

  it('reads retention durations', () => {
    expect(retentionMs('400d')).toBe(400 * 86_400_000)
    expect(retentionMs('12h')).toBe(43_200_000)
    expect(() => retentionMs('1y')).toThrow()
  })
})
