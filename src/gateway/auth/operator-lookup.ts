import { timingSafeEqual } from 'node:crypto'
import type { AdminTokenConfig } from '../../config/schema.js'
import { hashKey } from '../agent-keys.js'
import type { Operator } from './roles.js'

/**
 * Finds the operator an admin API token belongs to. Tokens are kept only as SHA-256 hashes and every
 * configured hash is compared in constant time, so neither a stolen config nor response timing gives a
 * token away.
 *
 * @example
 * const lookup = operatorLookup([{ name: 'ops', role: 'admin', hash: hashKey(token) }])
 * lookup(token) // { name: 'ops', role: 'admin' }
 */
export function operatorLookup(tokens: readonly AdminTokenConfig[]): (token: string) => Operator | undefined {
  const entries = tokens.map((t) => ({
    hash: Buffer.from(t.hash),
    operator: Object.freeze({ name: t.name, role: t.role }),
  }))
  return (token) => {
    if (typeof token !== 'string' || token.length === 0 || token.length > 512) return undefined
    const candidate = Buffer.from(hashKey(token))
    let found: Operator | undefined
    for (const entry of entries) {
      const same = entry.hash.length === candidate.length && timingSafeEqual(entry.hash, candidate)
      if (same && found === undefined) found = entry.operator
    }
    return found
  }
}
