import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { AuditLog } from '../../src/audit/audit-log.js'
import { placeRecord, prepareRecord } from '../../src/audit/build-record.js'
import type { SignedCheckpoint } from '../../src/audit/checkpoint.js'
import { leafHash } from '../../src/audit/merkle.js'
import { anEntry } from '../../src/audit/test-entry.js'
import { verifyLog } from '../../src/audit/verify.js'
import type { VerifyReport } from '../../src/audit/verify-problems.js'
import { openStore } from '../../src/store/open-store.js'

const root = mkdtempSync(join(tmpdir(), 'warden-tamper-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
let n = 0
let path = ''
let saved: SignedCheckpoint
let publicKey: AuditLog['key']['publicKey']

/** A 20-record log with signed checkpoints at 10 and 20; `saved` is the copy an auditor kept. */
beforeEach(async () => {
  path = join(root, `t${n++}`, 'warden.db')
  const store = await openStore(`sqlite:${path}`)
  const log = await AuditLog.open(store)
  for (let i = 0; i < 20; i++) {
    await log.append(anEntry({ actionId: `a${i}`, decision: i % 3 === 0 ? 'deny' : 'allow' }))
    if (i === 9) await log.checkpoint()
  }
  saved = await log.checkpoint()
  publicKey = log.key.publicKey
  await store.close()
})

/** The attacker's view: raw SQL on the file, with the append-only triggers dropped. */
function attack(edit: (db: Database.Database) => void): void {
  const db = new Database(path)
  for (const { name } of db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as {
    name: string
  }[]) {
    db.exec(`DROP TRIGGER ${name}`)
  }
  edit(db)
  db.close()
}

async function verify(checkpoints: readonly SignedCheckpoint[] = []): Promise<VerifyReport> {
  const store = await openStore(`sqlite:${path}`)
  try {
    return await verifyLog(store.audit, { publicKey, checkpoints })
  } finally {
    await store.close()
  }
}

function forged(seq: number, prev: string) {
  return placeRecord(
    prepareRecord(anEntry({ actionId: 'forged', decision: 'allow' }), 'hashes', undefined, () => new Date()),
    seq,
    prev,
  )
}

function hashOf(db: Database.Database, seq: number): string {
  return (db.prepare('SELECT leaf_hash FROM audit_records WHERE seq = ?').get(seq) as { leaf_hash: string })
    .leaf_hash
}

describe('verify against a tampered SQLite store', () => {
  it('passes an untouched log, with the saved checkpoint', async () => {
    expect(await verify([saved])).toEqual({ ok: true, records: 20, problems: [] })
  })

  it('names an edited body as modified at its seq', async () => {
    attack((db) =>
      db.prepare(`UPDATE audit_records SET body = replace(body, '"deny"', '"allow"') WHERE seq = 6`).run(),
    )
    const report = await verify()
    expect(report.ok).toBe(false)
    expect(report.problems[0]).toMatchObject({ seq: 6, kind: 'modified' })
  })

  it('names a record rewritten with a fresh leaf hash as modified (its successor no longer chains)', async () => {
    attack((db) => {
      const { body } = db.prepare('SELECT body FROM audit_records WHERE seq = 6').get() as { body: string }
      const edited = body.replace('"deny"', '"allow"')
      db.prepare('UPDATE audit_records SET body = ?, leaf_hash = ? WHERE seq = 6').run(
        edited,
        leafHash(edited).toString('hex'),
      )
    })
    expect((await verify()).problems[0]).toMatchObject({ seq: 6, kind: 'modified' })
  })

  it('names a deleted row as missing', async () => {
    attack((db) => db.prepare('DELETE FROM audit_records WHERE seq = 7').run())
    expect((await verify()).problems[0]).toMatchObject({ seq: 7, kind: 'missing' })
  })

  it('names a deleted row as missing even when later rows are renumbered to close the gap', async () => {
    attack((db) => {
      db.prepare('DELETE FROM audit_records WHERE seq = 7').run()
      db.prepare('UPDATE audit_records SET seq = seq + 1000 WHERE seq > 7').run()
      db.prepare('UPDATE audit_records SET seq = seq - 1001 WHERE seq > 1000').run()
    })
    expect((await verify()).problems[0]).toMatchObject({ seq: 7, kind: 'missing' })
  })

  it('names a forged record slipped into the middle, correctly chained, as inserted', async () => {
    attack((db) => {
      const fake = forged(7, hashOf(db, 6))
      db.prepare('UPDATE audit_records SET seq = seq + 1000 WHERE seq >= 7').run()
      db.prepare('UPDATE audit_records SET seq = seq - 999 WHERE seq >= 1000').run()
      const i = fake.index
      db.prepare('INSERT INTO audit_records VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
        7,
        fake.body,
        fake.leafHash,
        i.timestamp,
        i.agentId,
        i.sessionId,
        i.action,
        i.decision,
        i.risk,
        i.phase,
        i.actionId,
      )
    })
    expect((await verify()).problems[0]).toMatchObject({ seq: 7, kind: 'inserted' })
  })

  it('names two swapped rows as reordered', async () => {
    attack((db) => {
      db.prepare('UPDATE audit_records SET seq = 1000 WHERE seq = 8').run()
      db.prepare('UPDATE audit_records SET seq = 8 WHERE seq = 9').run()
      db.prepare('UPDATE audit_records SET seq = 9 WHERE seq = 1000').run()
    })
    const report = await verify()
    expect(report.problems[0]).toMatchObject({ seq: 8, kind: 'reordered' })
    expect(report.problems.filter((p) => p.kind !== 'reordered')).toEqual([])
  })

  it('names a cut tail as truncated against the saved checkpoint even when stored checkpoints are gone', async () => {
    attack((db) => {
      db.prepare('DELETE FROM audit_records WHERE seq >= 15').run()
      db.prepare('DELETE FROM audit_checkpoints').run()
    })
    expect((await verify()).ok).toBe(true)
    expect((await verify([saved])).problems).toEqual([
      expect.objectContaining({ seq: 15, kind: 'truncated' }),
    ])
  })

  it('catches a rollback (tail cut, new records appended) against the saved checkpoint', async () => {
    attack((db) => {
      db.prepare('DELETE FROM audit_records WHERE seq >= 15').run()
      db.prepare('DELETE FROM audit_checkpoints WHERE size > 10').run()
    })
    const store = await openStore(`sqlite:${path}`)
    const log = await AuditLog.open(store)
    for (let i = 0; i < 8; i++) await log.append(anEntry({ actionId: `rewritten${i}` }))
    await store.close()
    const report = await verify([saved])
    expect(report.problems[0]).toMatchObject({ seq: 10, kind: 'modified' })
    expect(report.problems[0]?.message).toMatch(/rolled back/)
  })

  it('names a checkpoint whose root was changed, or signed by another key, as bad_signature', async () => {
    attack((db) => db.prepare('UPDATE audit_checkpoints SET root = ? WHERE size = 10').run('ab'.repeat(32)))
    const report = await verify()
    expect(report.problems[0]).toMatchObject({ seq: 10, kind: 'bad_signature' })
    const other = await AuditLog.open(await openStore('memory:'))
    const foreign = { ...saved, keyId: other.key.keyId }
    expect((await verify([foreign])).problems.map((p) => p.kind)).toContain('bad_signature')
  })
})
