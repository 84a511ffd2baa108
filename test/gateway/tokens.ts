import type { AdminTokenConfig } from '../../src/config/schema.js'
import { hashKey } from '../../src/gateway/agent-keys.js'

/** One operator token per role, and their configured hashes. */
export const TOKENS = Object.freeze({
  admin: 'wdn_admin_admin-test-token',
  approver: 'wdn_admin_approver-test-token',
  auditor: 'wdn_admin_auditor-test-token',
})

export const ADMIN_TOKENS: readonly AdminTokenConfig[] = (['admin', 'approver', 'auditor'] as const).map(
  (role) => ({
    name: `${role}-op`,
    role,
    hash: hashKey(TOKENS[role]),
  }),
)

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` }
}
