import type { Action, Risk } from './action.js'
import type { Verdict } from './verdict.js'

/** The names of the pipeline's stages, in the order DESIGN.md draws them. */
export const STAGE_NAMES = [
  'gate',
  'input',
  'policy',
  'risk',
  'escalation',
  'behavior',
  'approval',
  'execute',
  'output',
  'audit',
] as const
export type StageName = (typeof STAGE_NAMES)[number]

/**
 * What a stage may know besides the action: the clock, and what earlier stages concluded.
 * Stages read it; only the runner writes it.
 */
export interface StageContext {
  /** Milliseconds since the epoch; simulated by `warden check` when an action carries `time`. */
  readonly now: number
  /** The risk the risk stage assigned, once it has run. */
  risk?: Risk
  /** Facts stages publish for later stages (e.g. `data.classification`, `guardrails.anomalyDetected`). */
  readonly facts: Record<string, unknown>
}

/** One step of the pipeline: a plain value built by a factory that validated its options once. */
export interface Stage {
  readonly name: StageName | (string & {})
  /** Per-stage time budget in milliseconds; past it the stage denies with STAGE_FAILED. */
  readonly timeoutMs?: number
  check(action: Action, ctx: StageContext): Verdict | Promise<Verdict>
}
