import type { ApprovalStore } from '../approvals/approval-store.js'
import type { AuditStore } from './audit-store.js'

/**
 * Everything Warden persists, behind one interface (audit now; approvals, agent status, incidents and
 * counters join later), with memory, SQLite and PostgreSQL implementations that pass one contract suite.
 */
export interface Store {
  readonly kind: 'memory' | 'sqlite' | 'postgres'
  readonly audit: AuditStore
  /** Approval requests, so pending ones survive a restart (src/approvals). */
  readonly approvals: ApprovalStore
  /** Where the audit signing key lives by default (beside the SQLite file), or null for the caller to choose. */
  readonly keyDir: string | null
  close(): Promise<void>
}
