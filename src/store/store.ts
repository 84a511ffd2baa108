import type { ApprovalStore } from '../approvals/approval-store.js'
import type { IncidentStore } from '../killswitch/incident-store.js'
import type { KillSwitchRepository } from '../killswitch/repository.js'
import type { AuditStore } from './audit-store.js'

/**
 * Everything Warden persists, behind one interface (audit, approvals, kill-switch state and incidents;
 * counters join later), with memory, SQLite and PostgreSQL implementations that pass one contract suite.
 */
export interface Store {
  readonly kind: 'memory' | 'sqlite' | 'postgres'
  readonly audit: AuditStore
  /** Approval requests, so pending ones survive a restart (src/approvals). */
  readonly approvals: ApprovalStore
  /** Kill-switch events (pause, resume, terminate, emergency stop), so a restart does not un-pause. */
  readonly killSwitch: KillSwitchRepository
  /** Incident events: operator actions on agents and what went wrong around them (GET /api/incidents). */
  readonly incidents: IncidentStore
  /** Where the audit signing key lives by default (beside the SQLite file), or null for the caller to choose. */
  readonly keyDir: string | null
  close(): Promise<void>
}
