import { generateKeyPairSync } from 'node:crypto'
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { signCheckpoint, verifyCheckpoint } from './checkpoint.js'
import { loadOrCreateKey, PRIVATE_KEY_FILE, PUBLIC_KEY_FILE, readPublicKey } from './signing-key.js'

const root = mkdtempSync(join(tmpdir(), 'warden-keys-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('loadOrCreateKey', () => {
  it('creates an Ed25519 key with mode 0600 once, and the same key on every later load', () => {
    const dir = join(root, 'a')
    const first = loadOrCreateKey(dir)
    expect(statSync(join(dir, PRIVATE_KEY_FILE)).mode & 0o777).toBe(0o600)
    expect(first.privateKey.asymmetricKeyType).toBe('ed25519')
    expect(loadOrCreateKey(dir).keyId).toBe(first.keyId)
    const exported = readPublicKey(readFileSync(join(dir, PUBLIC_KEY_FILE), 'utf8'))
    const cp = signCheckpoint(first, 3, 'ab'.repeat(32), '2026-01-01T00:00:00.000Z')
    expect(verifyCheckpoint(cp, exported)).toBe(true)
  })

  it('refuses a key file that group or others can read (whoever reads it can sign a forged history)', () => {
    const dir = join(root, 'b')
    loadOrCreateKey(dir)
    chmodSync(join(dir, PRIVATE_KEY_FILE), 0o644)
    expect(() => loadOrCreateKey(dir)).toThrow(expect.objectContaining({ code: 'AUDIT_KEY_INVALID' }))
  })

  it('refuses a key that is not Ed25519 or not a key at all', () => {
    const rsa = join(root, 'c')
    loadOrCreateKey(rsa)
    const pem = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({
      format: 'pem',
      type: 'pkcs8',
    })
    writeFileSync(join(rsa, PRIVATE_KEY_FILE), pem, { mode: 0o600 })
    expect(() => loadOrCreateKey(rsa)).toThrow(expect.objectContaining({ code: 'AUDIT_KEY_INVALID' }))
    writeFileSync(join(rsa, PRIVATE_KEY_FILE), 'not a key', { mode: 0o600 })
    expect(() => loadOrCreateKey(rsa)).toThrow(expect.objectContaining({ code: 'AUDIT_KEY_INVALID' }))
    expect(() => readPublicKey('garbage')).toThrow(expect.objectContaining({ code: 'AUDIT_KEY_INVALID' }))
  })

  it('rejects a checkpoint whose size, root or time was changed after signing', () => {
    const key = loadOrCreateKey(join(root, 'd'))
    const cp = signCheckpoint(key, 10, 'cd'.repeat(32), '2026-01-01T00:00:00.000Z')
    expect(verifyCheckpoint({ ...cp, size: 11 }, key.publicKey)).toBe(false)
    expect(verifyCheckpoint({ ...cp, root: 'ce'.repeat(32) }, key.publicKey)).toBe(false)
    expect(verifyCheckpoint({ ...cp, time: '2027-01-01T00:00:00.000Z' }, key.publicKey)).toBe(false)
    expect(verifyCheckpoint({ ...cp, signature: 'AAAA' }, key.publicKey)).toBe(false)
  })
})
