import type { AuditRecord } from '../audit/record.js'
import { ROLLBACK_TOOL } from '../tools/rollback-action.js'

/** What a report reads from one audit record. */
export type RecordFact =
  | {
      readonly kind: 'action'
      readonly agent: string
      readonly session: string | null
      readonly tool: string
      readonly decision: string
      readonly risk: string
      readonly codes: readonly string[]
      /** Milliseconds since the epoch. */
      readonly at: number
      /** The action went ahead (executed, or `warden check` allowed it): it used the agent's grants. */
      readonly allowed: boolean
      /** The arguments as recorded (null when `audit.capture: hashes` kept only digests). */
      readonly args: Readonly<Record<string, unknown>> | null
    }
  | {
      readonly kind: 'rollback'
      readonly operator: string
      readonly target: string | null
      readonly phase: AuditRecord['phase']
      readonly decision: string
      readonly success: boolean | null
      readonly at: number
    }
  | { readonly kind: 'other' }

/** Decisions that refuse the action. */
export const REFUSED_DECISIONS: ReadonlySet<string> = new Set(['deny', 'pause'])

/**
 * Classifies a record. One action is counted once per evaluation: its `decision` record (`warden check`, a
 * refusal, a held approval) or its `intent` record (the gateway executing it); `outcome` records and
 * approval events (`approval:*`) are not actions. Rollbacks (`warden.rollback`) are operators' actions.
 */
export function recordFact(record: AuditRecord): RecordFact {
  if (record.action === ROLLBACK_TOOL) {
    return {
      kind: 'rollback',
      operator: record.agentId,
      target: stringArg(argsOf(record), 'actionId'),
      phase: record.phase,
      decision: record.decision,
      success: record.success,
      at: Date.parse(record.timestamp),
    }
  }
  if (record.phase === 'outcome' || record.action.startsWith('approval:')) return { kind: 'other' }
  return {
    kind: 'action',
    agent: record.agentId,
    session: record.sessionId,
    tool: record.action,
    decision: record.decision,
    risk: record.risk,
    codes: (record.reasons ?? []).map((r) => r.code),
    at: Date.parse(record.timestamp),
    allowed: record.phase === 'intent' || record.decision === 'allow',
    args: argsOf(record),
  }
}

function argsOf(record: AuditRecord): Readonly<Record<string, unknown>> | null {
  const inputs = record.inputs
  if (inputs === null || typeof inputs !== 'object') return null
  const args = (inputs as Record<string, unknown>)['args']
  return args !== null && typeof args === 'object' && !Array.isArray(args)
    ? (args as Record<string, unknown>)
    : null
}

function stringArg(args: Readonly<Record<string, unknown>> | null, key: string): string | null {
  const value = args?.[key]
  return typeof value === 'string' ? value : null
}
