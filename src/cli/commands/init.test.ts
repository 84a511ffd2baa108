import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { EXAMPLE_CONFIG } from '../../config/example-config.js'
import { loadConfigFile } from '../../config/load.js'
import { Gateway } from '../../gateway/gateway.js'
import { runCli } from '../run-cli.case.js'

const dirs: string[] = []
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

const run = (argv: string[], cwd: string) => runCli(argv, { cwd })

const fresh = () => {
  const dir = mkdtempSync(join(tmpdir(), 'warden-init-'))
  dirs.push(dir)
  return dir
}

describe('warden init', () => {
  it('writes the example config and the sandbox it acts on, so a gateway opens on it at once', async () => {
    const cwd = fresh()
    const r = await run(['init'], cwd)
    expect(r.code).toBe(0)
    expect(readFileSync(join(cwd, 'warden.yaml'), 'utf8')).toBe(EXAMPLE_CONFIG)
    expect(r.out).toContain('Created the demo sandbox')
    expect(existsSync(join(cwd, 'sandbox', 'shop.db'))).toBe(true)
    // What `warden up` opens: the governed tools find their database, files and ledger.
    const gateway = await Gateway.open({ loaded: loadConfigFile(join(cwd, 'warden.yaml')), cwd, env: {} })
    try {
      expect(gateway.listTools('reporter').map((t) => t.name)).toContain('db.query')
    } finally {
      await gateway.close()
    }
  })

  it('refuses to overwrite a config without --force, and keeps files already in the sandbox', async () => {
    const cwd = fresh()
    writeFileSync(join(cwd, 'warden.yaml'), 'agents: {}\n')
    const refused = await run(['init'], cwd)
    expect(refused.code).toBe(1)
    expect(readFileSync(join(cwd, 'warden.yaml'), 'utf8')).toBe('agents: {}\n')
    expect((await run(['init', '--force'], cwd)).code).toBe(0)
    const welcome = join(cwd, 'sandbox', 'data', 'public', 'welcome.txt')
    writeFileSync(welcome, 'edited by the operator')
    expect((await run(['init', '--force'], cwd)).code).toBe(0)
    expect(readFileSync(welcome, 'utf8')).toBe('edited by the operator')
  })
})
