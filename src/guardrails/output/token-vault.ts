import { randomBytes } from 'node:crypto'

/** Who asks to reveal a token; only approvers (and admins) may. */
export interface VaultPrincipal {
  readonly id: string
  readonly roles: readonly string[]
}

/** A reveal is a decision: the value, or the code that explains the refusal. */
export type RevealResult =
  | { readonly ok: true; readonly value: string; readonly entity: string }
  | { readonly ok: false; readonly code: 'VAULT_FORBIDDEN' | 'VAULT_UNKNOWN_TOKEN' }

/**
 * Holds the originals behind reversible redaction tokens. The same value gets the same token within a
 * vault, so redacted outputs still correlate; the original comes back only to an approver.
 */
export interface TokenVault {
  tokenize(value: string, entity: string): string
  reveal(token: string, principal: VaultPrincipal): RevealResult
}

const REVEAL_ROLES = new Set(['approver', 'admin'])

/** In-process vault (tokens are random, never derived from the value, so they leak nothing). */
export class MemoryTokenVault implements TokenVault {
  readonly #byToken = new Map<string, { value: string; entity: string }>()
  readonly #byValue = new Map<string, string>()

  tokenize(value: string, entity: string): string {
    const key = `${entity}\u0000${value}`
    const known = this.#byValue.get(key)
    if (known !== undefined) return known
    const token = `[TOKEN:${entity}:${randomBytes(12).toString('hex')}]`
    this.#byToken.set(token, { value, entity })
    this.#byValue.set(key, token)
    return token
  }

  reveal(token: string, principal: VaultPrincipal): RevealResult {
    if (!principal.roles.some((r) => REVEAL_ROLES.has(r))) return { ok: false, code: 'VAULT_FORBIDDEN' }
    const entry = this.#byToken.get(token)
    if (entry === undefined) return { ok: false, code: 'VAULT_UNKNOWN_TOKEN' }
    return { ok: true, value: entry.value, entity: entry.entity }
  }
}
