import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { aService, evaluated, transfer } from '../../approvals/test-service.js'
import type { BusMessage } from '../../bus/bus.js'
import { openBus } from '../../bus/open-bus.js'
import { openStore } from '../../store/open-store.js'
import type { CliIO } from '../io.js'
import { errorCodeOf, runCli } from '../run-cli.case.js'
import { approvalsCommand } from './approvals.js'

async function setup() {
  const cwd = await mkdtemp(join(tmpdir(), 'warden-approvals-cli-'))
  await writeFile(
    join(cwd, 'warden.yaml'),
    'agents:\n  payer: { owner: owen }\napprovals:\n  groups: { finance: [alice, bob] }\n  routes: [{ tool: payments.transfer, group: finance }]\n',
  )
  const storeUrl = `sqlite:${join(cwd, 'warden.db')}`
  const store = await openStore(storeUrl)
  const filer = aService({ store: store.approvals })
  filer.clock.now = Date.now()
  const held = await filer.service.gate(transfer, evaluated('approve'))
  await store.close()
  const run = async (...argv: string[]) => {
    const stdout = new PassThrough()
    let out = ''
    stdout.on('data', (d) => (out += String(d)))
    const io: CliIO = { stdin: new PassThrough(), stdout, stderr: new PassThrough(), env: {}, cwd }
    const code = await approvalsCommand([...argv, '--store', storeUrl], io)
    return {
      code,
      lines: out
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l)),
    }
  }
  return { run, cwd, storeUrl, id: held.proceed ? '' : held.approvalId }
}

describe('warden approvals', () => {
  it('lists the pending request, approves it as a finance member, and the retry proceeds once', async () => {
    const { run, storeUrl, id } = await setup()
    expect((await run('list')).lines.map((r) => r.id)).toEqual([id])
    const approved = await run('approve', id, '--reason', 'invoice 42 checked', '--as', 'alice')
    expect(approved.code).toBe(0)
    expect(approved.lines[0]).toMatchObject({ status: 'approved', votes: [{ approver: 'alice' }] })
    expect((await run('list')).lines).toEqual([])
    const store = await openStore(storeUrl)
    const { service, clock } = aService({ store: store.approvals })
    clock.now = Date.now()
    expect((await service.gate(transfer, evaluated('approve'))).proceed).toBe(true)
    expect((await service.gate(transfer, evaluated('approve'))).proceed).toBe(false)
    await store.close()
  })

  it('refuses the agent’s owner, someone outside the group, and a decision without --as or --reason', async () => {
    const { run, id } = await setup()
    await expect(run('approve', id, '--reason', 'mine', '--as', 'owen')).rejects.toMatchObject({
      code: 'APPROVAL_SELF',
    })
    await expect(run('approve', id, '--reason', 'hi', '--as', 'mallory')).rejects.toMatchObject({
      code: 'APPROVAL_NOT_APPROVER',
    })
    await expect(run('approve', id, '--reason', 'x')).rejects.toMatchObject({ code: 'USAGE' })
    await expect(run('deny', id, '--as', 'bob')).rejects.toMatchObject({ code: 'USAGE' })
    await expect(run('list', '--status', 'weird')).rejects.toMatchObject({ code: 'USAGE' })
  })

  it('records a denial with its reason', async () => {
    const { run, id } = await setup()
    const denied = await run('deny', id, '--reason', 'vendor unknown', '--as', 'bob')
    expect(denied.lines[0]).toMatchObject({
      status: 'denied',
      votes: [{ approver: 'bob', reason: 'vendor unknown' }],
    })
    expect((await run('list', '--status', 'denied')).lines.map((r) => r.id)).toEqual([id])
  })

  it('accepts --bus memory: and decides through the store alone: nothing is published', async () => {
    const { cwd, storeUrl, id } = await setup()
    const cli = (...argv: string[]) => runCli(['approvals', ...argv, '--store', storeUrl], { cwd })
    const plain = await cli('list')
    expect(plain.code).toBe(0)
    expect(await cli('list', '--bus', 'memory:')).toEqual(plain)
    // A gateway learns of the decision on the agent's retry, from the store; no gateway subscribes to
    // approval events, so the CLI publishes none (the kill switch is what travels on the bus).
    const heard: [string, BusMessage][] = []
    const listener = await openBus('memory:')
    await listener.subscribe('>', (message, subject) => heard.push([subject, message]))
    try {
      const approved = await cli(
        'approve',
        id,
        '--reason',
        'invoice 42 checked',
        '--as',
        'alice',
        '--bus',
        'memory:',
      )
      expect(approved.code).toBe(0)
      expect(JSON.parse(approved.out)).toMatchObject({ id, status: 'approved' })
      expect(heard).toEqual([])
    } finally {
      await listener.close()
    }
  })

  it('refuses a malformed --bus with exit 1 and BUS_URL_INVALID before recording anything', async () => {
    const { cwd, storeUrl, run, id } = await setup()
    const denied = await runCli(
      [
        'approvals',
        'deny',
        id,
        '--reason',
        'vendor unknown',
        '--as',
        'bob',
        '--store',
        storeUrl,
        '--bus',
        'kafka://h',
      ],
      { cwd },
    )
    expect([denied.code, errorCodeOf(denied), denied.out]).toEqual([1, 'BUS_URL_INVALID', ''])
    expect((await run('list')).lines.map((r) => [r.id, r.status])).toEqual([[id, 'pending']])
    const usage = await runCli(['approvals', 'nope', '--bus', 'memory:'], { cwd })
    expect(JSON.parse(usage.err).error.message).toMatch(/\[--bus URL\][\s\S]*--bus is checked but unused/)
  })
})
