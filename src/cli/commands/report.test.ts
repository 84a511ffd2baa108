import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CliIO } from '../io.js'
import { main } from '../main.js'

const cwd = mkdtempSync(join(tmpdir(), 'warden-report-cli-'))
afterAll(() => rmSync(cwd, { recursive: true, force: true }))

async function run(argv: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  const input = new PassThrough()
  input.end(stdin)
  let out = ''
  let err = ''
  stdout.on('data', (c) => (out += c))
  stderr.on('data', (c) => (err += c))
  const io: CliIO = { stdin: input, stdout, stderr, env: {}, cwd }
  const code = await main(argv, io)
  return { code, out, err }
}

const STORE = ['--store', 'sqlite:w.db']
const WINDOW = ['--since', '2026-03-01T00:00:00Z', '--until', '2026-03-08T00:00:00Z']
const line = (id: string, agent: string, tool: string, args: object, time: string) =>
  JSON.stringify({ id, agent, session: `${agent}-s`, tool, args, time })

beforeAll(async () => {
  writeFileSync(
    join(cwd, 'warden.yaml'),
    `agents:
  reporter:
    owner: alice
    permissions:
      files: { read: ['/data/public/**', '/data/reports/**'], write: [], delete: [] }
`,
  )
  const actions = [
    line('a1', 'reporter', 'files.read', { path: '/data/public/a.txt' }, '2026-03-02T10:00:00Z'),
    line('a2', 'reporter', 'files.read', { path: '/data/public/b.txt' }, '2026-03-02T10:01:00Z'),
    line('a3', 'reporter', 'files.read', { path: '/etc/passwd' }, '2026-03-02T10:02:00Z'),
    line('a4', 'ghost', 'files.read', { path: '/data/public/a.txt' }, '2026-03-03T10:00:00Z'),
    line('a5', 'reporter', 'files.read', { path: '/data/public/c.txt' }, '2026-02-01T10:00:00Z'),
  ]
  const checked = await run(['check', ...STORE], `${actions.join('\n')}\n`)
  expect(checked.code).toBe(2)
})

describe('warden report', () => {
  it('weekly prints one JSON document with exact counts for the window and exits 0', async () => {
    const r = await run(['report', 'weekly', ...STORE, ...WINDOW])
    expect(r.code).toBe(0)
    const report = JSON.parse(r.out)
    expect(Object.keys(report).slice(0, 4)).toEqual(['kind', 'window', 'generatedAt', 'audit'])
    expect(report.audit).toEqual({ records: 4, logRecords: 5, verified: true, problems: [] })
    const reporter = report.agents.find((a: { agent: string }) => a.agent === 'reporter')
    expect(reporter.byDecision).toEqual({ allow: 2, deny: 1 })
    expect(reporter.denials.topCodes).toEqual([{ code: 'FILES_READ_NOT_ALLOWED', count: 1 }])
  })

  it('permissions finds the unused grant and the unknown agent; markdown is a filed document', async () => {
    const r = await run(['report', 'permissions', ...STORE, ...WINDOW])
    expect(r.code).toBe(0)
    const report = JSON.parse(r.out)
    expect(report.agents[0].unused).toEqual(['files.read:/data/reports/**'])
    expect(report.unknownAgents).toEqual([{ agent: 'ghost', actions: 1, allowed: 0 }])
    const md = await run(['report', 'permissions', ...STORE, ...WINDOW, '--format', 'markdown'])
    expect(md.code).toBe(0)
    expect(md.out).toMatch(/^# Quarterly agent permission review\n/)
    expect(md.out).toContain('**Audit log integrity: verified**')
    expect(md.out).toContain('| REPORT_AGENT_UNKNOWN | ghost |')
  })

  it('monthly defaults to the 30 days before --until', async () => {
    const r = await run(['report', 'monthly', ...STORE, '--until', '2026-03-10T00:00:00Z'])
    expect(r.code).toBe(0)
    const report = JSON.parse(r.out)
    expect(report.window).toEqual({ since: '2026-02-08T00:00:00.000Z', until: '2026-03-10T00:00:00.000Z' })
    expect(report.agents.find((a: { agent: string }) => a.agent === 'reporter').actions).toBe(3)
  })

  it('exits 1 on bad input and on a store that does not exist', async () => {
    const bad = await run(['report', 'weekly', ...STORE, '--since', 'yesterday'])
    expect([bad.code, JSON.parse(bad.err).error.code]).toEqual([1, 'REPORT_WINDOW_INVALID'])
    const reversed = await run([
      'report',
      'weekly',
      ...STORE,
      '--since',
      '2026-03-08T00:00:00Z',
      '--until',
      '2026-03-01T00:00:00Z',
    ])
    expect(JSON.parse(reversed.err).error.code).toBe('REPORT_WINDOW_INVALID')
    const kind = await run(['report', 'yearly', ...STORE])
    expect([kind.code, JSON.parse(kind.err).error.code]).toEqual([1, 'USAGE'])
    const format = await run(['report', 'weekly', ...STORE, '--format', 'csv'])
    expect([format.code, JSON.parse(format.err).error.code]).toEqual([1, 'USAGE'])
    const missing = await run(['report', 'weekly', '--store', 'sqlite:nowhere.db'])
    expect(missing.code).toBe(1)
    expect(missing.out).toBe('')
  })

  it('accepts --bus memory: with the same output (it publishes nothing) and refuses a malformed one', async () => {
    for (const kind of ['weekly', 'monthly', 'permissions']) {
      const plain = await run(['report', kind, ...STORE, ...WINDOW])
      const withBus = await run(['report', kind, ...STORE, ...WINDOW, '--bus', 'memory:'])
      const without = (out: string) => ({ ...JSON.parse(out), generatedAt: undefined })
      expect([withBus.code, withBus.err]).toEqual([plain.code, plain.err])
      expect(plain.code).toBe(0)
      expect(without(withBus.out)).toEqual(without(plain.out))
      const bad = await run(['report', kind, ...STORE, ...WINDOW, '--bus', 'kafka://h:9092'])
      expect([bad.code, JSON.parse(bad.err).error.code, bad.out]).toEqual([1, 'BUS_URL_INVALID', ''])
    }
    const usage = await run(['report', 'yearly', '--bus', 'memory:'])
    expect(JSON.parse(usage.err).error.message).toMatch(/\[--bus URL\][\s\S]*--bus is checked but unused/)
  })

  it('says so loudly and exits 2 when the log was edited (triggers dropped, a deny turned into an allow)', async () => {
    const db = new Database(join(cwd, 'w.db'))
    db.exec('DROP TRIGGER audit_records_no_update')
    db.prepare(`UPDATE audit_records SET body = replace(body, '"deny"', '"allow"') WHERE seq = 2`).run()
    db.close()
    const r = await run(['report', 'weekly', ...STORE, ...WINDOW])
    expect(r.code).toBe(2)
    const report = JSON.parse(r.out)
    expect(report.audit.verified).toBe(false)
    expect(report.audit.problems).toContainEqual(expect.objectContaining({ seq: 2, kind: 'modified' }))
    expect(JSON.parse(r.err).error.code).toBe('REPORT_AUDIT_UNVERIFIED')
    const md = await run(['report', 'permissions', ...STORE, ...WINDOW, '--format', 'markdown'])
    expect(md.code).toBe(2)
    expect(md.out).toContain('WARNING: THE AUDIT LOG FAILED VERIFICATION')
    expect(md.out).toMatch(/\| 2 \| modified \|/)
  })
})
