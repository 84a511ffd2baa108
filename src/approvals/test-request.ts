import type { ApprovalRequest } from './approval.js'

let counter = 0

/** A pending approve request for tests; override any field. */
export function aRequest(overrides: Partial<ApprovalRequest> = {}): ApprovalRequest {
  counter++
  return {
    id: `apr_test_${counter}`,
    kind: 'approve',
    actionHash: `hash_${counter}`,
    action: { agent: 'payer', session: 's1', tool: 'payments.transfer', args: { amount: 50_000 } },
    risk: 'high',
    reasons: [{ stage: 'escalation', code: 'ESCALATION_RULE', message: 'amount > 10000' }],
    context: { reasoning: 'pay the invoice' },
    group: 'finance',
    approvers: ['alice', 'bob'],
    excluded: ['owen'],
    quorum: 1,
    status: 'pending',
    votes: [],
    createdAt: 1_000 + counter,
    expiresAt: 1_000_000,
    version: 1,
    ...overrides,
  }
}
