import { MemoryApprovalStore } from '../../approvals/approval-store.js'
import { MemoryIncidentStore } from '../../killswitch/incident-store.js'
import { MemoryKillSwitchRepository } from '../../killswitch/repository.js'
import type { Store } from '../store.js'
import { MemoryAuditStore } from './memory-audit-store.js'

/** A store that lives as long as the process: tests and `memory:` URLs. */
export function memoryStore(): Store {
  return {
    kind: 'memory',
    audit: new MemoryAuditStore(),
    approvals: new MemoryApprovalStore(),
    killSwitch: new MemoryKillSwitchRepository(),
    incidents: new MemoryIncidentStore(),
    keyDir: null,
    async close() {},
  }
}
