import type { QueriedRecord } from './query-records.js'

const SEVERITY: Readonly<Record<string, number>> = { low: 2, medium: 3, high: 4, critical: 5 }
/** OCSF API Activity (class 6003, category 6 Application Activity). */
const CLASS_UID = 6003
const ACTIVITY_OTHER = 99

/**
 * One record as an OCSF 1.1 API Activity event, for SIEMs: the tool call is the API operation, the
 * agent the actor, Warden's decision the disposition (Allowed / Blocked); Warden-specific fields go
 * under `unmapped`, and `metadata.sequence` plus the leaf hash tie the event back to the verified log.
 */
export function toOcsf(record: QueriedRecord): Record<string, unknown> {
  const blocked = record.decision !== 'allow' && record.decision !== 'review'
  const status = record.success === true ? 1 : record.success === false ? 2 : blocked ? 2 : 0
  return {
    class_uid: CLASS_UID,
    class_name: 'API Activity',
    category_uid: 6,
    category_name: 'Application Activity',
    activity_id: ACTIVITY_OTHER,
    activity_name: record.phase,
    type_uid: CLASS_UID * 100 + ACTIVITY_OTHER,
    time: Date.parse(record.timestamp),
    severity_id: SEVERITY[record.risk] ?? 0,
    status_id: status,
    disposition_id: blocked ? 2 : 1,
    disposition: blocked ? 'Blocked' : 'Allowed',
    message: record.reasons.map((r) => `${r.code}: ${r.message}`).join('; ') || record.decision,
    actor: {
      user: { uid: record.agentId, name: record.user ?? record.agentId, type: 'AI agent' },
      ...(record.sessionId === null ? {} : { session: { uid: record.sessionId } }),
    },
    api: { operation: record.action, service: { name: 'warden' }, request: { uid: record.actionId } },
    metadata: {
      version: '1.1.0',
      product: { name: 'Warden', vendor_name: 'Warden' },
      uid: `${record.actionId}:${record.phase}`,
      sequence: record.seq,
      log_name: 'warden-audit',
    },
    unmapped: {
      decision: record.decision,
      risk: record.risk,
      reasons: record.reasons,
      guardrails_applied: record.guardrailsApplied,
      permissions: record.permissions,
      confidence_score: record.confidenceScore,
      reasoning: record.reasoning,
      error_details: record.errorDetails,
      inputs_digest: record.inputsDigest,
      outputs_digest: record.outputsDigest,
      leaf_hash: record.leafHash,
      ...(record.status === undefined ? {} : { status: record.status }),
    },
  }
}
