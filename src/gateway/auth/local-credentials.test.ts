import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseConfig } from '../../config/load.js'
import { hashKey } from '../agent-keys.js'
import { ensureLocalCredentials, LOCAL_CREDENTIALS_FILE } from './local-credentials.js'

const config = (extra = '') =>
  parseConfig(`agents:\n  reporter: {}\n  ops:\n    keys: ['${hashKey('ops-key')}']\n${extra}`).config

describe('ensureLocalCredentials', () => {
  it('issues an admin token and keys for agents without one, keeping only hashes in a 0600 file', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'warden-cred-')), '.warden')
    const made = ensureLocalCredentials(dir, config())
    expect(made.issued.adminToken).toMatch(/^wdn_admin_/)
    expect(made.issued.agentKeys.map((k) => k.agent)).toEqual(['reporter'])
    const file = join(dir, LOCAL_CREDENTIALS_FILE)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    const text = readFileSync(file, 'utf8')
    expect(text).not.toContain(made.issued.adminToken as string)
    expect(text).not.toContain(made.issued.agentKeys[0]?.key as string)
    expect(text).toContain(hashKey(made.issued.agentKeys[0]?.key as string))
  })

  it('issues nothing on a second start and returns the same hashes', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'warden-cred-')), '.warden')
    const first = ensureLocalCredentials(dir, config())
    const second = ensureLocalCredentials(dir, config())
    expect(second.issued).toEqual({ agentKeys: [] })
    expect(second.credentials).toEqual(first.credentials)
  })

  it('issues no admin token when the config has one', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'warden-cred-')), '.warden')
    const withToken = config(
      `gateway:\n  adminTokens: [{ name: ops, role: admin, hash: '${hashKey('x')}' }]\n`,
    )
    expect(ensureLocalCredentials(dir, withToken).issued.adminToken).toBeUndefined()
  })

  it('refuses a damaged credentials file with GATEWAY_CREDENTIALS_INVALID instead of issuing new ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'warden-cred-'))
    writeFileSync(join(dir, LOCAL_CREDENTIALS_FILE), '{"adminTokens": [{"name": "x"}]}')
    expect(() => ensureLocalCredentials(dir, config())).toThrow(
      expect.objectContaining({ code: 'GATEWAY_CREDENTIALS_INVALID' }),
    )
  })
})
