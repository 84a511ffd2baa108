import type { Action, Decision, Risk } from '../core/action.js'
import type { Evaluation } from '../core/pipeline.js'
import type { ApprovalEvent } from './approval-event.js'
import { ApprovalService } from './approval-service.js'
import type { ApprovalStore } from './approval-store.js'
import { MemoryApprovalStore } from './approval-store.js'
import { approvalsConfig } from './config-schema.js'

/** A service over a memory store with a hand-driven clock, finance routing and an event log. */
export function aService(options: { store?: ApprovalStore; config?: unknown } = {}) {
  const clock = { now: 1_000_000 }
  const events: ApprovalEvent[] = []
  const service = new ApprovalService({
    store: options.store ?? new MemoryApprovalStore(),
    config: approvalsConfig(
      options.config ?? {
        timeoutMs: 60_000,
        validForMs: 30_000,
        quorum: 2,
        groups: { finance: ['alice', 'bob', 'owen'], security: ['carol', 'dave'] },
        routes: [
          { tool: 'payments.*', group: 'finance' },
          { risk: 'critical', group: 'security' },
        ],
      },
    ),
    owners: { payer: 'owen' },
    now: () => clock.now,
    audit: async (event) => void events.push(event),
  })
  return { service, clock, events }
}

/** The big transfer of issue 6. */
export const transfer: Action = {
  agent: 'payer',
  session: 's1',
  tool: 'payments.transfer',
  args: { to: 'acct-9', amount: 50_000, currency: 'EUR' },
}

/** An evaluation as runPipeline would return it. */
export function evaluated(decision: Decision, action: Action = transfer, risk: Risk = 'high'): Evaluation {
  return {
    decision,
    risk,
    reasons: [{ stage: 'escalation', code: 'ESCALATION_RULE', message: 'transaction.amount > 10000' }],
    trace: [],
    action,
    rewritten: false,
    facts: {},
  }
}
