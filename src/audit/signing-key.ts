import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto'
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { WardenError } from '../errors/warden-error.js'

/** The Ed25519 key that signs checkpoints, and its short id (first 16 hex of SHA-256 of the SPKI). */
export interface SigningKey {
  readonly privateKey: KeyObject
  readonly publicKey: KeyObject
  readonly keyId: string
}

/** File names of the key pair inside the key folder. */
export const PRIVATE_KEY_FILE = 'audit-ed25519.pem'
export const PUBLIC_KEY_FILE = 'audit-ed25519.pub.pem'

/**
 * Loads the signing key from `dir`, creating it (mode 0600, public half beside it) on first use. A key
 * that others can read is refused: whoever holds it can sign a forged history.
 */
export function loadOrCreateKey(dir: string): SigningKey {
  const path = join(dir, PRIVATE_KEY_FILE)
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  try {
    const { privateKey } = generateKeyPairSync('ed25519')
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }) as string
    // 'wx' fails when the file exists, so two processes starting together keep one key.
    writeFileSync(path, pem, { mode: 0o600, flag: 'wx' })
    chmodSync(path, 0o600)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw keyError(path, error)
  }
  const key = readKey(path)
  writeFileSync(join(dir, PUBLIC_KEY_FILE), publicKeyPem(key.publicKey), { mode: 0o644 })
  return key
}

function readKey(path: string): SigningKey {
  let pem: string
  try {
    if ((statSync(path).mode & 0o077) !== 0) {
      throw new WardenError('AUDIT_KEY_INVALID', `${path} is readable by group or others: chmod 600 ${path}`)
    }
    pem = readFileSync(path, 'utf8')
  } catch (error) {
    if (error instanceof WardenError) throw error
    throw keyError(path, error)
  }
  try {
    const privateKey = createPrivateKey(pem)
    if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 key')
    return fromPrivate(privateKey)
  } catch (error) {
    throw keyError(path, error)
  }
}

/** A fresh key held only in memory (for `memory:` stores). */
export function ephemeralKey(): SigningKey {
  return fromPrivate(generateKeyPairSync('ed25519').privateKey)
}

function fromPrivate(privateKey: KeyObject): SigningKey {
  const publicKey = createPublicKey(privateKey)
  return { privateKey, publicKey, keyId: keyIdOf(publicKey) }
}

/** First 16 hex digits of SHA-256 over the DER SubjectPublicKeyInfo. */
export function keyIdOf(publicKey: KeyObject): string {
  const der = publicKey.export({ format: 'der', type: 'spki' })
  return createHash('sha256').update(der).digest('hex').slice(0, 16)
}

/** The public key as PEM (SPKI), the form third parties are given. */
export function publicKeyPem(publicKey: KeyObject): string {
  return publicKey.export({ format: 'pem', type: 'spki' }) as string
}

/** Reads a public key (PEM SPKI), e.g. the one `warden audit public-key` printed. */
export function readPublicKey(pem: string): KeyObject {
  try {
    const key = createPublicKey(pem)
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 key')
    return key
  } catch (error) {
    throw new WardenError('AUDIT_KEY_INVALID', `not an Ed25519 public key: ${(error as Error).message}`)
  }
}

function keyError(path: string, error: unknown): WardenError {
  return new WardenError('AUDIT_KEY_INVALID', `audit signing key ${path}: ${(error as Error).message}`)
}
