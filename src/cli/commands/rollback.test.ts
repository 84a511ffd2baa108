import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openStore } from '../../store/open-store.js'
import { anOptions, aSandbox } from '../../tools/tools-fixture.case.js'
import type { CliIO } from '../io.js'
import { errorCodeOf, runCli } from '../run-cli.case.js'
import { approvalsCommand } from './approvals.js'
import { rollbackCommand } from './rollback.js'

// Issue 6: `warden rollback ACTION_ID` is itself an audited, approvable action (warden.rollback, high risk →
// approve), and restores files and rows byte for byte, exactly once.
let box: Awaited<ReturnType<typeof aSandbox>>
const yaml = (control?: string) => `
agents:
  a: { permissions: { tools: { allow: [files.write] } } }
approvals:
  groups: { ops: [carol, dave] }
  routes: [{ tool: warden.rollback, group: ops }]
${control === undefined ? '' : `  rollbackControl: ${control}\n`}governed:
  files: { mounts: { /data: ./sandbox/data } }
  db: { url: 'sqlite:./sandbox/shop.db' }
store: 'sqlite:.warden/warden.db'
`

beforeAll(async () => {
  box = await aSandbox()
  writeFileSync(join(box.cwd, 'warden.yaml'), yaml())
})
afterAll(async () => box.cleanup())

async function cli(
  command: typeof rollbackCommand,
  ...argv: string[]
): Promise<{ code: number; out: Record<string, unknown> }> {
  const stdout = new PassThrough()
  let text = ''
  stdout.on('data', (d) => (text += String(d)))
  const io: CliIO = { stdin: new PassThrough(), stdout, stderr: new PassThrough(), env: {}, cwd: box.cwd }
  const code = await command(argv, io)
  return { code, out: JSON.parse(text.trim().split('\n').at(-1) ?? '{}') }
}

const rollback = (actionId: string, as = 'carol') =>
  cli(rollbackCommand, actionId, '--reason', 'the agent overwrote the report', '--as', as)
const approve = (id: string, as: string) =>
  cli(approvalsCommand, 'approve', id, '--reason', 'checked the diff', '--as', as)

const file = (path: string) => readFileSync(join(box.data, path))
const products = () => {
  const db = new Database(join(box.cwd, 'sandbox', 'shop.db'), { readonly: true })
  try {
    return db.prepare('SELECT * FROM products ORDER BY id').raw(true).all()
  } finally {
    db.close()
  }
}

async function auditActions(): Promise<{ action: string; phase: string; decision: string }[]> {
  const store = await openStore('sqlite:.warden/warden.db', { cwd: box.cwd })
  try {
    const rows = await store.audit.scan(0, 10_000)
    return rows.map((r) => JSON.parse(r.body) as { action: string; phase: string; decision: string })
  } finally {
    await store.close()
  }
}

describe('warden rollback as an approvable action', () => {
  it('files an approval, refuses the requester, and after approval restores the file and rows exactly once', async () => {
    const report = file('outputs/README.txt')
    const rowsBefore = products()
    const options = anOptions()
    await box.tools.call('files.write', { path: '/data/outputs/README.txt', content: 'overwritten' }, options)
    await box.tools.call(
      'db.query',
      { sql: 'UPDATE products SET stock = stock + 7 WHERE id <= $1', params: [2] },
      options,
    )
    expect(file('outputs/README.txt').toString()).toBe('overwritten')

    const held = await rollback(options.actionId)
    expect(held.code).toBe(2)
    expect(held.out).toMatchObject({ code: 'APPROVAL_PENDING', decision: 'approve', risk: 'high' })
    const id = held.out['approvalId'] as string
    expect(file('outputs/README.txt').toString()).toBe('overwritten') // nothing ran yet

    await expect(approve(id, 'carol')).rejects.toMatchObject({ code: 'APPROVAL_SELF' })
    expect((await approve(id, 'dave')).code).toBe(0)

    const ran = await rollback(options.actionId)
    expect(ran.code).toBe(0)
    expect(file('outputs/README.txt').equals(report)).toBe(true)
    expect(products()).toEqual(rowsBefore)

    const again = await rollback(options.actionId)
    expect(again.code).toBe(2)
    expect(again.out['code']).toBe('APPROVAL_PENDING') // the approval was used up
    expect(again.out['approvalId']).not.toBe(id)

    const audit = await auditActions()
    const rollbacks = audit.filter((e) => e.action === 'warden.rollback')
    expect(rollbacks.filter((e) => e.phase === 'intent')).toHaveLength(1)
    expect(rollbacks.filter((e) => e.phase === 'outcome')).toHaveLength(1)
    expect(audit.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'approval:approval.requested',
        'approval:approval.vote',
        'approval:approval.consumed',
      ]),
    )
  })

  it('shows the approver what would be restored', async () => {
    const options = anOptions()
    await box.tools.call('files.write', { path: '/data/outputs/new.txt', content: 'fresh' }, options)
    const held = await rollback(options.actionId)
    const store = await openStore('sqlite:.warden/warden.db', { cwd: box.cwd })
    const request = await store.approvals.get(held.out['approvalId'] as string)
    await store.close()
    expect(request?.context.dryRun).toMatchObject({
      dryRun: true,
      wouldRestore: [
        { kind: 'file', target: '/data/outputs/new.txt', what: expect.stringMatching(/remove/) },
      ],
    })
    expect(request?.action).toMatchObject({ tool: 'warden.rollback', args: { actionId: options.actionId } })
  })

  it('binds the approval to the action id: approving one rollback does not run another', async () => {
    const first = anOptions()
    const second = anOptions()
    await box.tools.call('files.write', { path: '/data/outputs/one.txt', content: '1' }, first)
    await box.tools.call('files.write', { path: '/data/outputs/two.txt', content: '2' }, second)
    const held = await rollback(first.actionId)
    await approve(held.out['approvalId'] as string, 'dave')
    const other = await rollback(second.actionId)
    expect(other.out['code']).toBe('APPROVAL_PENDING')
    expect(file('outputs/two.txt').toString()).toBe('2')
  })

  it('accepts --bus memory: with the same answer (it publishes nothing); a malformed --bus is refused before anything is audited', async () => {
    const options = anOptions()
    await box.tools.call('files.write', { path: '/data/outputs/bus.txt', content: 'b' }, options)
    const plain = await rollback(options.actionId)
    expect(plain.out).toMatchObject({ code: 'APPROVAL_PENDING' })
    const withBus = await cli(
      rollbackCommand,
      options.actionId,
      '--reason',
      'the agent overwrote the report',
      '--as',
      'carol',
      '--bus',
      'memory:',
    )
    expect(withBus).toEqual(plain)
    const recorded = (await auditActions()).length
    const bad = await runCli(
      ['rollback', options.actionId, '--reason', 'r', '--as', 'carol', '--bus', 'kafka://h:9092'],
      { cwd: box.cwd },
    )
    expect([bad.code, errorCodeOf(bad), bad.out]).toEqual([1, 'BUS_URL_INVALID', ''])
    expect((await auditActions()).length).toBe(recorded)
    const usage = await runCli(['rollback', '--bus', 'memory:'], { cwd: box.cwd })
    expect(JSON.parse(usage.err).error.message).toMatch(/\[--bus URL\][\s\S]*--bus is checked but unused/)
  })

  it('runs at once when approvals.rollbackControl is allow, still audited', async () => {
    writeFileSync(join(box.cwd, 'warden.yaml'), yaml('allow'))
    try {
      const options = anOptions()
      await box.tools.call('files.write', { path: '/data/outputs/allowed.txt', content: 'x' }, options)
      const ran = await rollback(options.actionId)
      expect(ran.code).toBe(0)
      expect(ran.out).toMatchObject({ actionId: options.actionId, failed: [] })
    } finally {
      writeFileSync(join(box.cwd, 'warden.yaml'), yaml())
    }
  })
})
