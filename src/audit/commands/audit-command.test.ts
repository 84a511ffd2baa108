import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough, Readable } from 'node:stream'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditCommand } from '../../cli/commands/audit.js'
import type { CliIO } from '../../cli/io.js'
import { openStore } from '../../store/open-store.js'
import { AuditLog } from '../audit-log.js'
import { anEntry } from '../test-entry.js'

const cwd = mkdtempSync(join(tmpdir(), 'warden-audit-cli-'))
afterAll(() => rmSync(cwd, { recursive: true, force: true }))

async function run(argv: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  let out = ''
  let err = ''
  stdout.on('data', (c) => (out += c))
  stderr.on('data', (c) => (err += c))
  const io: CliIO = { stdin: Readable.from([stdin]), stdout, stderr, env: {}, cwd }
  const code = await auditCommand(argv, io)
  return { code, out, err }
}

beforeAll(async () => {
  const store = await openStore('sqlite:.warden/warden.db', { cwd })
  const log = await AuditLog.open(store)
  for (let i = 0; i < 6; i++) {
    await log.append(anEntry({ phase: 'intent', actionId: `a${i}`, agentId: i < 3 ? 'reporter' : 'payer' }))
    if (i !== 4) await log.append(anEntry({ phase: 'outcome', actionId: `a${i}`, success: true }))
  }
  await log.append(
    anEntry({
      actionId: 'd1',
      decision: 'deny',
      risk: 'high',
      reasons: [{ stage: 'policy', code: 'FILES_DENIED', message: 'no' }],
    }),
  )
  await store.close()
})

describe('warden audit', () => {
  it('verify prints {ok, records, problems} and exits 0 on an untouched log (default store)', async () => {
    const r = await run(['verify'])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.out)).toEqual({ ok: true, records: 12, problems: [] })
  })

  it('checkpoint prints {size, root, signature, keyId, time}, which verify then accepts as --checkpoint', async () => {
    const r = await run(['checkpoint'])
    const cp = JSON.parse(r.out)
    expect(Object.keys(cp).sort()).toEqual(['keyId', 'root', 'signature', 'size', 'time'])
    expect(cp.size).toBe(12)
    writeFileSync(join(cwd, 'cp.json'), r.out)
    expect((await run(['verify', '--checkpoint', 'cp.json'])).code).toBe(0)
  })

  it('prove gives a bundle that check-proof accepts with the exported public key alone', async () => {
    writeFileSync(join(cwd, 'pub.pem'), (await run(['public-key'])).out)
    const proof = await run(['prove', '7'])
    expect(proof.code).toBe(0)
    const ok = await run(['check-proof', '--public-key', 'pub.pem'], proof.out)
    expect(ok.code).toBe(0)
    const forged = proof.out.replace('"seq":7', '"seq":6')
    expect((await run(['check-proof', '--public-key', 'pub.pem'], forged)).code).toBe(2)
  })

  it('consistency proves the saved checkpoint is a prefix of the log now, checkable with the public key alone', async () => {
    const proof = await run(['consistency', '--from', 'cp.json'])
    expect(proof.code).toBe(0)
    expect(JSON.parse(proof.out).old.size).toBe(12)
    expect((await run(['check-proof', '--public-key', 'pub.pem'], proof.out)).code).toBe(0)
    const bad = JSON.parse(proof.out)
    bad.old.root = 'ab'.repeat(32)
    expect((await run(['check-proof', '--public-key', 'pub.pem'], JSON.stringify(bad))).code).toBe(2)
  })

  it('query filters and marks an intent without outcome as interrupted', async () => {
    const r = await run(['query', '--phase', 'intent', '--agent', 'payer'])
    const lines = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(lines.map((l) => [l.actionId, l.status])).toEqual([
      ['a3', 'completed'],
      ['a4', 'interrupted'],
      ['a5', 'completed'],
    ])
    const table = await run(['query', '--decision', 'deny', '--format', 'table'])
    expect(table.out.split('\n')[0]).toMatch(/^seq\s+time\s+agent/)
    expect(table.out).toContain('deny')
    expect(table.out.trim().split('\n')).toHaveLength(2)
  })

  it('export writes OCSF API Activity events that point back to the log', async () => {
    const r = await run(['export', '--format', 'ocsf'])
    const events = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(events).toHaveLength(12)
    const denied = events.find((e) => e.unmapped.decision === 'deny')
    expect(denied).toMatchObject({
      class_uid: 6003,
      type_uid: 600399,
      disposition: 'Blocked',
      severity_id: 4,
    })
    expect(denied.metadata.sequence).toBe(11)
    expect((await run(['export', '--format', 'csv']).catch((e) => e)).code).toBe('USAGE')
  })

  it('verify exits 2 and names the record when the database was edited', async () => {
    const db = new Database(join(cwd, '.warden', 'warden.db'))
    db.exec('DROP TRIGGER audit_records_no_update')
    db.prepare(`UPDATE audit_records SET body = replace(body, '"deny"', '"allow"') WHERE seq = 11`).run()
    db.close()
    const r = await run(['verify', '--checkpoint', 'cp.json'])
    expect(r.code).toBe(2)
    expect(JSON.parse(r.out).problems[0]).toMatchObject({ seq: 11, kind: 'modified' })
  })

  it('fails (exit 1 via main) with STORE_UNAVAILABLE or USAGE on a bad store or input', async () => {
    await expect(run(['verify', '--store', 'postgres://postgres@127.0.0.1:1/none'])).rejects.toMatchObject({
      code: 'STORE_UNAVAILABLE',
    })
    await expect(run(['verify', '--checkpoint', 'missing.json'])).rejects.toMatchObject({ code: 'USAGE' })
    await expect(run(['prove', 'x'])).rejects.toMatchObject({ code: 'USAGE' })
    await expect(run(['verify', '--store', 'sqlite:typo.db'])).rejects.toMatchObject({
      code: 'STORE_UNAVAILABLE',
    })
    await expect(run(['nope'])).rejects.toMatchObject({ code: 'USAGE' })
  })

  it('prune removes sealed segments older than audit.retention, keeps the log verifiable, and honours legal hold', async () => {
    const dir = mkdtempSync(join(cwd, 'prune-'))
    const store = await openStore('sqlite:w.db', { cwd: dir })
    const log = await AuditLog.open(store, { checkpointEvery: 0 })
    for (let i = 0; i < 8; i++)
      await log.append(anEntry({ actionId: `old${i}`, timestamp: new Date('2020-01-01') }))
    await log.checkpoint()
    for (let i = 0; i < 3; i++) await log.append(anEntry({ actionId: `new${i}`, timestamp: new Date() }))
    await store.close()
    const inDir = (argv: string[]) => run([...argv, '--store', `sqlite:${join(dir, 'w.db')}`])
    writeFileSync(join(dir, 'held.yaml'), 'audit:\n  retention: 30d\n  legalHold: true\n')
    await expect(inDir(['prune', '--config', join(dir, 'held.yaml')])).rejects.toMatchObject({
      code: 'AUDIT_RETENTION_HELD',
    })
    writeFileSync(join(dir, 'warden.yaml'), 'audit:\n  retention: 30d\n')
    const pruned = await inDir(['prune', '--config', join(dir, 'warden.yaml')])
    expect(JSON.parse(pruned.out)).toEqual({ removed: 8, upTo: 8 })
    const verified = await inDir(['verify'])
    expect(verified.code).toBe(0)
    expect(JSON.parse(verified.out)).toMatchObject({ ok: true, records: 3 })
  })
})
