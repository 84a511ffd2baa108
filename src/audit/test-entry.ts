import type { AuditEntryInput } from './record.js'

/** A builder for audit entries in tests: `anEntry({ phase: 'intent' })`. */
export function anEntry(overrides: Partial<AuditEntryInput> = {}): AuditEntryInput {
  return {
    phase: 'decision',
    actionId: 'act-1',
    timestamp: new Date('2026-01-02T03:04:05.000Z'),
    agentId: 'reporter',
    sessionId: 'sess-1',
    action: 'files.read',
    inputs: { path: '/data/public/report.txt', apiKey: 'sk-live-secret' },
    permissions: ['files.read:/data/public/**'],
    guardrailsApplied: ['input', 'policy'],
    decision: 'allow',
    risk: 'low',
    reasons: [],
    trace: [{ stage: 'policy', verdict: 'allow', args: { path: '/data/public/report.txt' } }],
    ...overrides,
  }
}
