import type { AuditStore } from './audit-store.js'

/**
 * Everything Warden persists, behind one interface (audit now; approvals, agent status, incidents and
 * counters join later), with memory, SQLite and PostgreSQL implementations that pass one contract suite.
 */
export interface Store {
  readonly kind: 'memory' | 'sqlite' | 'postgres'
  readonly audit: AuditStore
  /** Where the audit signing key lives by default (beside the SQLite file), or null for the caller to choose. */
  readonly keyDir: string | null
  close(): Promise<void>
}
