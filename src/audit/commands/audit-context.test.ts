import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { errorCodeOf, runCli } from '../../cli/run-cli.case.js'
import { openStore } from '../../store/open-store.js'
import { AuditLog } from '../audit-log.js'
import { anEntry } from '../test-entry.js'

const cwd = mkdtempSync(join(tmpdir(), 'warden-audit-bus-'))
afterAll(() => rmSync(cwd, { recursive: true, force: true }))

const STORE = ['--store', 'sqlite:w.db']

// Every `warden audit` subcommand that opens the store, with the arguments it needs.
const SUBCOMMANDS: readonly (readonly string[])[] = [
  ['verify'],
  ['checkpoint'],
  ['public-key'],
  ['prove', '2'],
  ['consistency', '--from', 'cp.json'],
  ['query', '--agent', 'reporter'],
  ['export', '--format', 'ocsf'],
  ['prune', '--retention', '400d'],
]

/** Output with what a fresh signature changes on every run (time, signature) taken out. */
function stable(out: string): unknown[] {
  if (out.startsWith('-----BEGIN')) return [out]
  return out
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) =>
      JSON.parse(line, (key, value) => (key === 'time' || key === 'signature' ? undefined : value)),
    )
}

beforeAll(async () => {
  const store = await openStore('sqlite:w.db', { cwd })
  const log = await AuditLog.open(store)
  for (let i = 0; i < 4; i++) await log.append(anEntry({ actionId: `a${i}` }))
  await store.close()
  const cp = await runCli(['audit', 'checkpoint', ...STORE], { cwd })
  expect(cp.code).toBe(0)
  writeFileSync(join(cwd, 'cp.json'), cp.out)
})

describe('withAuditContext and --bus', () => {
  it('accepts --bus memory: on every subcommand with the same exit status and output as without it', async () => {
    for (const argv of SUBCOMMANDS) {
      const plain = await runCli(['audit', ...argv, ...STORE], { cwd })
      const withBus = await runCli(['audit', ...argv, ...STORE, '--bus', 'memory:'], { cwd })
      expect(plain.code, argv.join(' ')).toBe(0)
      expect([withBus.code, withBus.err], argv.join(' ')).toEqual([plain.code, plain.err])
      expect(stable(withBus.out), argv.join(' ')).toEqual(stable(plain.out))
      expect(plain.out, argv.join(' ')).not.toBe('')
    }
  })

  it('refuses a malformed --bus on every subcommand: exit 1, BUS_URL_INVALID, nothing printed', async () => {
    for (const argv of SUBCOMMANDS) {
      for (const bus of ['kafka://h:9092', 'not a url', '']) {
        const r = await runCli(['audit', ...argv, ...STORE, '--bus', bus], { cwd })
        expect([r.code, errorCodeOf(r), r.out], `${argv.join(' ')} --bus ${bus}`).toEqual([
          1,
          'BUS_URL_INVALID',
          '',
        ])
      }
    }
  })

  it('checks the bus before opening the store, and hides a password in the error', async () => {
    const r = await runCli(
      ['audit', 'verify', '--store', 'sqlite:nowhere.db', '--bus', 'amqp://u:s3cret@h'],
      {
        cwd,
      },
    )
    expect([r.code, errorCodeOf(r)]).toEqual([1, 'BUS_URL_INVALID'])
    expect(r.err).not.toContain('s3cret')
  })

  it("checks the config's bus too, and --bus overrides it", async () => {
    writeFileSync(join(cwd, 'bad-bus.yaml'), 'bus: kafka://h:9092\n')
    const fromConfig = await runCli(['audit', 'verify', ...STORE, '--config', 'bad-bus.yaml'], { cwd })
    expect([fromConfig.code, errorCodeOf(fromConfig)]).toEqual([1, 'BUS_URL_INVALID'])
    const overridden = await runCli(
      ['audit', 'verify', ...STORE, '--config', 'bad-bus.yaml', '--bus', 'memory:'],
      { cwd },
    )
    expect(overridden.code).toBe(0)
    expect(JSON.parse(overridden.out)).toMatchObject({ ok: true })
  })

  it('says in the help that --bus is accepted but unused', async () => {
    const help = await runCli(['audit', 'help'], { cwd })
    expect(help.code).toBe(0)
    expect(help.out).toMatch(/--bus is checked but unused/)
  })
})
