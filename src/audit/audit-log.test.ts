import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openStore } from '../store/open-store.js'
import { AuditLog } from './audit-log.js'
import { verifyCheckpoint } from './checkpoint.js'
import { decodeRecord } from './record.js'
import { anEntry } from './test-entry.js'
import { verifyLog } from './verify.js'

const dir = mkdtempSync(join(tmpdir(), 'warden-auditlog-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('AuditLog', () => {
  it('gives contiguous seqs and batches concurrent appends into few transactions (group commit)', async () => {
    const store = await openStore('memory:')
    let transactions = 0
    const append = store.audit.append.bind(store.audit)
    Object.assign(store.audit, {
      append: (build: Parameters<typeof append>[0]) => {
        transactions++
        return append(build)
      },
    })
    const log = await AuditLog.open(store)
    const acks = await Promise.all(
      Array.from({ length: 500 }, (_, i) => log.append(anEntry({ actionId: `a${i}` }))),
    )
    expect(acks.map((a) => a.seq)).toEqual(Array.from({ length: 500 }, (_, i) => i))
    expect(transactions).toBeLessThan(5)
    const report = await verifyLog(store.audit, { publicKey: log.key.publicKey })
    expect(report).toEqual({ ok: true, records: 500, problems: [] })
  })

  it('redacts PII and secrets by default, keeping digests and sizes of the raw payloads', async () => {
    const store = await openStore('memory:')
    const log = await AuditLog.open(store)
    await log.append(anEntry({ outputs: { text: 'mail bob@example.org, card 4111 1111 1111 1111' } }))
    const [row] = await store.audit.scan(0, 1)
    expect(row?.body).not.toContain('bob@example.org')
    expect(row?.body).not.toContain('4111 1111')
    expect(row?.body).toContain('[REDACTED:EMAIL_ADDRESS]')
    const record = decodeRecord(row?.body ?? '')
    expect(record.capture).toBe('redacted')
    expect(record.outputsDigest?.bytes).toBeGreaterThan(40)
  })

  it('keeps only digests and sizes in hashes mode, so the log does not become the leak', async () => {
    const store = await openStore('memory:')
    const log = await AuditLog.open(store, { capture: 'hashes' })
    await log.append(anEntry({ outputs: { text: 'card 4111 1111 1111 1111' } }))
    const [row] = await store.audit.scan(0, 1)
    expect(row?.body).not.toContain('sk-live-secret')
    expect(row?.body).not.toContain('4111')
    expect(row?.body).not.toContain('/data/public/report.txt')
    const record = decodeRecord(row?.body ?? '')
    expect(record.capture).toBe('hashes')
    expect(record.inputs).toBeNull()
    expect(record.inputsDigest.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(record.inputsDigest.bytes).toBeGreaterThan(20)
    expect(record.outputsDigest?.bytes).toBeGreaterThan(10)
  })

  it('keeps payloads in full mode and redactor output in redacted mode', async () => {
    const store = await openStore('memory:')
    const full = await AuditLog.open(store, { capture: 'full' })
    await full.append(anEntry())
    const redacted = await AuditLog.open(store, {
      capture: 'redacted',
      redact: () => ({ path: '[REDACTED]' }),
    })
    await redacted.append(anEntry())
    const rows = await store.audit.scan(0, 10)
    expect(decodeRecord(rows[0]?.body ?? '').inputs).toEqual(anEntry().inputs)
    expect(decodeRecord(rows[1]?.body ?? '').inputs).toEqual({ path: '[REDACTED]' })
    expect(rows[1]?.body).not.toContain('sk-live-secret')
  })

  it('rejects with AUDIT_UNAVAILABLE when the store fails, acknowledging nothing', async () => {
    const store = await openStore('memory:')
    const log = await AuditLog.open(store)
    Object.assign(store.audit, { append: async () => Promise.reject(new Error('disk full')) })
    const results = await Promise.allSettled([log.append(anEntry()), log.append(anEntry())])
    for (const r of results) {
      expect(r.status).toBe('rejected')
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'AUDIT_UNAVAILABLE' })
    }
    expect(await store.audit.count()).toBe(0)
  })

  it('refuses appends at once when too many already wait for a stalled store', async () => {
    const store = await openStore('memory:')
    let release: () => void = () => {}
    const append = store.audit.append.bind(store.audit)
    Object.assign(store.audit, {
      append: async (build: Parameters<typeof append>[0]) => {
        await new Promise<void>((r) => {
          release = r
        })
        return append(build)
      },
    })
    const log = await AuditLog.open(store, { maxQueued: 3, maxBatch: 1 })
    const first = log.append(anEntry({ actionId: 'a0' }))
    await new Promise((r) => setImmediate(r))
    const waiting = [1, 2, 3].map((i) => log.append(anEntry({ actionId: `a${i}` })))
    await expect(log.append(anEntry({ actionId: 'a4' }))).rejects.toMatchObject({ code: 'AUDIT_UNAVAILABLE' })
    let settled = false
    const all = Promise.all([first, ...waiting]).finally(() => {
      settled = true
    })
    while (!settled) {
      release()
      await new Promise((r) => setTimeout(r, 2))
    }
    await expect(first).resolves.toMatchObject({ seq: 0 })
    await expect(all).resolves.toHaveLength(4)
  })

  it('refuses appends after close, after flushing those already queued', async () => {
    const store = await openStore('memory:')
    const log = await AuditLog.open(store)
    const queued = log.append(anEntry())
    await log.close()
    await expect(queued).resolves.toMatchObject({ seq: 0 })
    await expect(log.append(anEntry())).rejects.toMatchObject({ code: 'AUDIT_UNAVAILABLE' })
  })

  it('signs checkpoints that verify with the public key, with a 0600 key file beside the SQLite file', async () => {
    const store = await openStore(`sqlite:${join(dir, 'cp', 'warden.db')}`)
    const log = await AuditLog.open(store)
    for (let i = 0; i < 7; i++) await log.append(anEntry({ actionId: `a${i}` }))
    const cp = await log.checkpoint()
    expect(cp.size).toBe(7)
    expect(verifyCheckpoint(cp, log.key.publicKey)).toBe(true)
    expect(verifyCheckpoint({ ...cp, size: 6 }, log.key.publicKey)).toBe(false)
    expect(statSync(join(dir, 'cp', 'keys', 'audit-ed25519.pem')).mode & 0o777).toBe(0o600)
    expect(await store.audit.checkpoints()).toEqual([cp])
    const again = await AuditLog.open(store)
    expect(again.key.keyId).toBe(log.key.keyId)
    await store.close()
  })
})
