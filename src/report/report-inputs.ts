import type { ApprovalRequest } from '../approvals/approval.js'
import type { AuditRecord } from '../audit/record.js'
import type { VerifyProblem, VerifyReport } from '../audit/verify-problems.js'
import type { WardenConfig } from '../config/schema.js'
import type { Incident } from '../killswitch/incident.js'
import type { ReportKind, ReportWindow } from './report-window.js'

/** What every report is computed from: values only, so the aggregation is a pure function of them. */
export interface ReportInputs {
  readonly window: ReportWindow
  readonly generatedAt: string
  /** The audit records of the window in seq order (streamed: see windowRecords). */
  readonly records: AsyncIterable<AuditRecord> | Iterable<AuditRecord>
  /** `warden audit verify` over the whole log, run before the report. */
  readonly integrity: VerifyReport
  /** Incidents of the window (store.incidents.list); only the weekly report reads them. */
  readonly incidents: readonly Incident[]
  /**
   * Approval requests created in the window (store.approvals.list with its bounds); only the weekly report
   * reads them, and it keeps only those of its window whatever it is given.
   */
  readonly approvals: readonly ApprovalRequest[]
  readonly config: WardenConfig
  /** The agent of an audited action id, to put a rollback under the agent whose action it undid. */
  readonly agentOfAction?: (actionId: string) => Promise<string | undefined>
}

/** The audit section every report carries: how many records it read and whether the log verified. */
export interface AuditSection {
  /** Records of the window that the report read. */
  readonly records: number
  /** Records verify read (the whole log). */
  readonly logRecords: number
  readonly verified: boolean
  readonly problems: readonly VerifyProblem[]
}

/** The head of every report, in its output order; `kind` tells the reports apart. */
export interface ReportHead<K extends ReportKind = ReportKind> {
  readonly kind: K
  readonly window: ReportWindow
  readonly generatedAt: string
  readonly audit: AuditSection
}

/** The head with the count of records read. */
export function reportHead<K extends ReportKind>(
  kind: K,
  inputs: ReportInputs,
  records: number,
): ReportHead<K> {
  return {
    kind,
    window: { since: inputs.window.since, until: inputs.window.until },
    generatedAt: inputs.generatedAt,
    audit: {
      records,
      logRecords: inputs.integrity.records,
      verified: inputs.integrity.ok,
      problems: inputs.integrity.problems.map((p) => ({ seq: p.seq, kind: p.kind, message: p.message })),
    },
  }
}

/** True when `ms` falls in the window (both ends inclusive). */
export function inWindow(window: ReportWindow, ms: number): boolean {
  return ms >= Date.parse(window.since) && ms <= Date.parse(window.until)
}
