import type { AuditRecord } from '../audit/record.js'
import { GENESIS_PREV } from '../audit/record.js'
import type { VerifyReport } from '../audit/verify-problems.js'
import { parseConfig } from '../config/load.js'
import type { ReportInputs } from './report-inputs.js'

let seq = 0

/**
 * A decision record for report tests: `aRecord({ agentId: 'a', action: 'files.read', args: { path } })`.
 * Reports read records as values, so the chain fields are placeholders here.
 */
export function aRecord(
  overrides: Partial<Omit<AuditRecord, 'reasons'>> & {
    args?: Record<string, unknown>
    reasons?: readonly { stage: string; code: string; message: string }[]
  } = {},
): AuditRecord {
  const { args, ...rest } = overrides
  return {
    seq: seq++,
    prev: GENESIS_PREV,
    v: 1,
    phase: 'decision',
    actionId: `act-${seq}`,
    timestamp: '2026-03-02T10:00:00.000Z',
    agentId: 'reporter',
    sessionId: 's1',
    action: 'files.read',
    inputs: { args: args ?? { path: '/data/public/a.txt' } },
    inputsDigest: { sha256: '0'.repeat(64), bytes: 0 },
    outputs: null,
    outputsDigest: null,
    user: null,
    permissions: [],
    guardrailsApplied: ['policy'],
    reasoning: null,
    confidenceScore: null,
    success: null,
    errorDetails: null,
    decision: 'allow',
    risk: 'low',
    reasons: [],
    trace: [],
    capture: 'full',
    ...rest,
  }
}

/** A clean verify result over `records` rows. */
export function verified(records: number): VerifyReport {
  return { ok: true, records, problems: [] }
}

/** Report inputs over the given records and warden.yaml text, with no incidents or approvals. */
export function inputsOf(
  records: readonly AuditRecord[],
  yaml: string,
  overrides: Partial<ReportInputs> = {},
): ReportInputs {
  return {
    window: { since: '2026-03-01T00:00:00.000Z', until: '2026-03-31T00:00:00.000Z' },
    generatedAt: '2026-03-31T00:00:00.000Z',
    records,
    integrity: verified(records.length),
    incidents: [],
    approvals: [],
    config: parseConfig(yaml, 'test.yaml').config,
    ...overrides,
  }
}
