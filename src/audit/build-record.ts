import type { NewAuditRow } from '../store/audit-store.js'
import { capturePayload, captureTrace, captureWithRedacted, digestOf, type Redactor } from './capture.js'
import { leafHash } from './merkle.js'
import {
  type AuditEntryInput,
  type AuditRecord,
  type CaptureMode,
  encodeRecord,
  type PayloadDigest,
} from './record.js'

/** A record with everything but its place in the log (filled in under the store's write lock). */
export type UnplacedRecord = Omit<AuditRecord, 'seq' | 'prev'>

/**
 * What one log has already captured of payloads it was handed, by identity: an action's intent and outcome
 * entries share their `inputs` and `trace` objects, so the outcome need not redact and hash them again.
 */
export interface CaptureMemo {
  readonly inputs: WeakMap<object, { kept: unknown; mode: CaptureMode; digest: PayloadDigest }>
  readonly trace: WeakMap<object, unknown[]>
}

/** An empty memo, for one log (one capture mode and redactor). */
export function newCaptureMemo(): CaptureMemo {
  return { inputs: new WeakMap(), trace: new WeakMap() }
}

/**
 * Applies the capture mode and fixes the timestamp: done before queueing, off the write lock. With
 * `reuseRedacted` (the default redactor is the one in use), members the entry brings already redacted
 * (`redactedOutputs`) are not scanned again; with a memo, inputs and trace captured for an earlier entry
 * (the intent) are not captured again.
 */
export function prepareRecord(
  entry: AuditEntryInput,
  mode: CaptureMode,
  redact: Redactor | undefined,
  now: () => Date,
  reuseRedacted = false,
  memo?: CaptureMemo,
): UnplacedRecord {
  let inputs = memo?.inputs.get(entry.inputs)
  if (inputs === undefined) {
    inputs = { ...capturePayload(entry.inputs, mode, redact), digest: digestOf(entry.inputs) }
    memo?.inputs.set(entry.inputs, inputs)
  }
  let trace = memo?.trace.get(entry.trace)
  if (trace === undefined) {
    trace = captureTrace(entry.trace, mode, redact)
    memo?.trace.set(entry.trace, trace)
  }
  const outputs =
    entry.outputs === undefined
      ? undefined
      : reuseRedacted && mode === 'redacted' && redact !== undefined && entry.redactedOutputs !== undefined
        ? captureWithRedacted(entry.outputs, entry.redactedOutputs(), redact)
        : capturePayload(entry.outputs, mode, redact)
  return {
    v: 1,
    phase: entry.phase,
    actionId: entry.actionId,
    timestamp: (entry.timestamp ?? now()).toISOString(),
    agentId: entry.agentId,
    sessionId: entry.sessionId ?? null,
    action: entry.action,
    inputs: inputs.kept,
    inputsDigest: inputs.digest,
    outputs: outputs?.kept ?? null,
    outputsDigest: entry.outputs === undefined ? null : digestOf(entry.outputs),
    user: entry.user ?? null,
    permissions: [...entry.permissions],
    guardrailsApplied: [...entry.guardrailsApplied],
    reasoning: entry.reasoning ?? null,
    confidenceScore: entry.confidenceScore ?? null,
    success: entry.success ?? null,
    errorDetails: entry.errorDetails ?? null,
    decision: entry.decision,
    risk: entry.risk,
    reasons: entry.reasons.map(({ stage, code, message }) => ({ stage, code, message })),
    trace,
    capture: inputs.mode,
  }
}

/** Gives a record its seq and chain link, encodes and hashes it (RFC 6962 leaf). */
export function placeRecord(record: UnplacedRecord, seq: number, prev: string): NewAuditRow {
  const body = encodeRecord({ seq, prev, ...record })
  return {
    seq,
    body,
    leafHash: leafHash(body).toString('hex'),
    index: {
      timestamp: record.timestamp,
      agentId: record.agentId,
      sessionId: record.sessionId,
      action: record.action,
      decision: record.decision,
      risk: record.risk,
      phase: record.phase,
      actionId: record.actionId,
    },
  }
}
