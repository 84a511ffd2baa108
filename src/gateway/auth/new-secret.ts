import { randomBytes } from 'node:crypto'
import { hashKey } from '../agent-keys.js'

/** A fresh secret and the `sha256:` line that is all Warden keeps of it. */
export interface NewSecret {
  readonly secret: string
  readonly hash: string
}

/**
 * 256 random bits, base64url, behind a prefix that says what the secret is for (`wdn_agent_`, `wdn_admin_`)
 * so secret scanners and people recognise a leaked one.
 */
export function newSecret(prefix: 'wdn_agent_' | 'wdn_admin_'): NewSecret {
  const secret = `${prefix}${randomBytes(32).toString('base64url')}`
  return { secret, hash: hashKey(secret) }
}
