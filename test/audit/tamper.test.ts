import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { AuditLog } from '../../src/audit/audit-log.js'
import { placeRecord, prepareRecord } from '../../src/audit/build-record.js'
import type { SignedCheckpoint } from '../../src/audit/checkpoint.js'
import { leafHash } from '../../src/audit/merkle.js'
import { anEntry } from '../../src/audit/test-entry.js'
import { verifyLog } from '../../src/audit/verify.js'
import type { VerifyReport } from '../../src/audit/verify-problems.js'
import { auditRowValues } from '../../src/store/audit-store.js'
import { openStore } from '../../src/store/open-store.js'
import { dropCreatedSchemas } from '../../src/store/postgres/pg-test-url.js'
import {
  postgresBackend,
  type RawDb,
  removeTamperFiles,
  sqliteBackend,
  type TamperBackend,
} from './tamper-backends.js'

const pgBase = process.env.WARDEN_TEST_PG
if (pgBase === undefined)
  console.warn('tamper tests: WARDEN_TEST_PG is not set; the PostgreSQL run is skipped')
const keys = mkdtempSync(join(tmpdir(), 'warden-tamper-keys-'))
const keyDir = (name: string) => join(keys, name)
afterAll(async () => {
  rmSync(keys, { recursive: true, force: true })
  removeTamperFiles()
  await dropCreatedSchemas()
})

const backends: TamperBackend[] = [sqliteBackend, ...(pgBase === undefined ? [] : [postgresBackend(pgBase)])]

function forged(seq: number, prev: string) {
  return placeRecord(
    prepareRecord(anEntry({ actionId: 'forged', decision: 'allow' }), 'hashes', undefined, () => new Date()),
    seq,
    prev,
  )
}

async function hashOf(db: RawDb, seq: number): Promise<string> {
  return (
    (await db.get<{ leaf_hash: string }>('SELECT leaf_hash FROM audit_records WHERE seq = ?', seq)) ?? {
      leaf_hash: '',
    }
  ).leaf_hash
}

for (const backend of backends) {
  let url = ''
  let saved: SignedCheckpoint
  let publicKey: AuditLog['key']['publicKey']

  /** The attacker's view: raw SQL on the store, with the append-only triggers off. */
  async function attack(edit: (db: RawDb) => Promise<void>): Promise<void> {
    const db = await backend.attacker(url)
    try {
      await edit(db)
    } finally {
      await db.close()
    }
  }

  async function verify(checkpoints: readonly SignedCheckpoint[] = []): Promise<VerifyReport> {
    const store = await openStore(url)
    try {
      return await verifyLog(store.audit, { publicKey, checkpoints })
    } finally {
      await store.close()
    }
  }

  describe(`verify against a tampered ${backend.name} store`, () => {
    /** A 20-record log with signed checkpoints at 10 and 20; `saved` is the copy an auditor kept. */
    beforeEach(async () => {
      url = await backend.freshUrl()
      const store = await openStore(url)
      const log = await AuditLog.open(store, { keyDir: keyDir(backend.name) })
      for (let i = 0; i < 20; i++) {
        await log.append(anEntry({ actionId: `a${i}`, decision: i % 3 === 0 ? 'deny' : 'allow' }))
        if (i === 9) await log.checkpoint()
      }
      saved = await log.checkpoint()
      publicKey = log.key.publicKey
      await store.close()
    })

    it('passes an untouched log, with the saved checkpoint', async () => {
      expect(await verify([saved])).toEqual({ ok: true, records: 20, problems: [] })
    })

    it('names an edited body as modified at its seq', async () => {
      await attack((db) =>
        db.run(`UPDATE audit_records SET body = replace(body, '"deny"', '"allow"') WHERE seq = 6`),
      )
      const report = await verify()
      expect(report.ok).toBe(false)
      expect(report.problems[0]).toMatchObject({ seq: 6, kind: 'modified' })
    })

    it('names a record rewritten with a fresh leaf hash as modified (its successor no longer chains)', async () => {
      await attack(async (db) => {
        const { body } = (await db.get<{ body: string }>('SELECT body FROM audit_records WHERE seq = 6')) ?? {
          body: '',
        }
        const edited = body.replace('"deny"', '"allow"')
        await db.run(
          'UPDATE audit_records SET body = ?, leaf_hash = ? WHERE seq = 6',
          edited,
          leafHash(edited).toString('hex'),
        )
      })
      expect((await verify()).problems[0]).toMatchObject({ seq: 6, kind: 'modified' })
    })

    it('names a deleted row as missing', async () => {
      await attack((db) => db.run('DELETE FROM audit_records WHERE seq = 7'))
      expect((await verify()).problems[0]).toMatchObject({ seq: 7, kind: 'missing' })
    })

    it('names a deleted row as missing even when later rows are renumbered to close the gap', async () => {
      await attack(async (db) => {
        await db.run('DELETE FROM audit_records WHERE seq = 7')
        await db.run('UPDATE audit_records SET seq = seq + 1000 WHERE seq > 7')
        await db.run('UPDATE audit_records SET seq = seq - 1001 WHERE seq > 1000')
      })
      expect((await verify()).problems[0]).toMatchObject({ seq: 7, kind: 'missing' })
    })

    it('names a forged record slipped into the middle, correctly chained, as inserted', async () => {
      await attack(async (db) => {
        const fake = forged(7, await hashOf(db, 6))
        await db.run('UPDATE audit_records SET seq = seq + 1000 WHERE seq >= 7')
        await db.run('UPDATE audit_records SET seq = seq - 999 WHERE seq >= 1000')
        await db.run(
          'INSERT INTO audit_records VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
          ...auditRowValues(fake),
        )
      })
      expect((await verify()).problems[0]).toMatchObject({ seq: 7, kind: 'inserted' })
    })

    it('names two swapped rows as reordered', async () => {
      await attack(async (db) => {
        await db.run('UPDATE audit_records SET seq = 1000 WHERE seq = 8')
        await db.run('UPDATE audit_records SET seq = 8 WHERE seq = 9')
        await db.run('UPDATE audit_records SET seq = 9 WHERE seq = 1000')
      })
      const report = await verify()
      expect(report.problems[0]).toMatchObject({ seq: 8, kind: 'reordered' })
      expect(report.problems.filter((p) => p.kind !== 'reordered')).toEqual([])
    })

    it('names a cut tail as truncated against the saved checkpoint even when stored checkpoints are gone', async () => {
      await attack(async (db) => {
        await db.run('DELETE FROM audit_records WHERE seq >= 15')
        await db.run('DELETE FROM audit_checkpoints')
      })
      expect((await verify()).ok).toBe(true)
      expect((await verify([saved])).problems).toEqual([
        expect.objectContaining({ seq: 15, kind: 'truncated' }),
      ])
    })

    it('catches a rollback (tail cut, new records appended) against the saved checkpoint', async () => {
      await attack(async (db) => {
        await db.run('DELETE FROM audit_records WHERE seq >= 15')
        await db.run('DELETE FROM audit_checkpoints WHERE size > 10')
      })
      const store = await openStore(url)
      const log = await AuditLog.open(store, { keyDir: keyDir(backend.name) })
      for (let i = 0; i < 8; i++) await log.append(anEntry({ actionId: `rewritten${i}` }))
      await store.close()
      const report = await verify([saved])
      expect(report.problems[0]).toMatchObject({ seq: 10, kind: 'modified' })
      expect(report.problems[0]?.message).toMatch(/rolled back/)
    })

    it('names a checkpoint whose root was changed, or signed by another key, as bad_signature', async () => {
      await attack((db) => db.run('UPDATE audit_checkpoints SET root = ? WHERE size = 10', 'ab'.repeat(32)))
      const report = await verify()
      expect(report.problems[0]).toMatchObject({ seq: 10, kind: 'bad_signature' })
      const other = await AuditLog.open(await openStore('memory:'))
      const foreign = { ...saved, keyId: other.key.keyId }
      expect((await verify([foreign])).problems.map((p) => p.kind)).toContain('bad_signature')
    })
  })
}
