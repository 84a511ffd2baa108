import { type Action, type Decision, isMoreRestrictive, type Risk } from './action.js'
import type { Stage, StageContext } from './stage.js'
import type { Verdict } from './verdict.js'

/** A reason for a decision, with a stable code from the catalog (docs/errors.md). */
export interface Reason {
  readonly stage: string
  readonly code: string
  readonly message: string
}

/** One stage's result, kept in order; the audit record stores the whole trace. */
export interface TraceStep {
  readonly stage: string
  readonly verdict: Verdict['kind']
  readonly code?: string
  readonly reason?: string
  readonly detail?: Readonly<Record<string, unknown>>
  readonly ms: number
}

export interface Evaluation {
  readonly decision: Decision
  readonly risk: Risk
  /** Reasons of every stage that did not simply allow, in stage order. */
  readonly reasons: readonly Reason[]
  readonly trace: readonly TraceStep[]
  /** The action as the last rewrite left it (the same object when nothing rewrote it). */
  readonly action: Action
  readonly rewritten: boolean
  /** Facts the stages published (classification, labels, anomaly flags). */
  readonly facts: Readonly<Record<string, unknown>>
}

export interface RunOptions {
  readonly now?: number
  /** Budget for a stage that sets none, in milliseconds. */
  readonly defaultStageTimeoutMs?: number
  /** Stop at the first deny (later stages cannot make it less restrictive). Default true. */
  readonly stopOnDeny?: boolean
}

const DEFAULT_STAGE_TIMEOUT_MS = 5_000

/**
 * Runs the stages in order. The most restrictive verdict wins; a rewrite replaces the action for the
 * stages after it; a stage that throws, returns something that is not a verdict, or exceeds its time budget
 * denies with STAGE_FAILED (Warden fails closed, where Cedar would skip the erroring policy).
 */
export async function runPipeline(
  stages: readonly Stage[],
  original: Action,
  options: RunOptions = {},
): Promise<Evaluation> {
  const ctx: StageContext = { now: options.now ?? Date.now(), facts: {} }
  const stopOnDeny = options.stopOnDeny ?? true
  let action = original
  let decision: Decision = 'allow'
  const reasons: Reason[] = []
  const trace: TraceStep[] = []

  for (const stage of stages) {
    const started = performance.now()
    // Most stages answer synchronously: those are not awaited (no promise, no microtask per stage).
    const settled = settle(stage, action, ctx, stage.timeoutMs ?? options.defaultStageTimeoutMs)
    const verdict = isPromise(settled) ? await settled : settled
    // Rounded to the microsecond: the trace goes into every audit record, where more digits only cost bytes.
    const ms = Math.round((performance.now() - started) * 1_000) / 1_000
    trace.push(traceStep(stage.name, verdict, ms))
    if (verdict.kind === 'rewrite') {
      action = verdict.action
      reasons.push({ stage: stage.name, code: verdict.code, message: verdict.reason })
      continue
    }
    if (verdict.kind === 'allow') continue
    reasons.push({ stage: stage.name, code: verdict.code, message: verdict.reason })
    if (isMoreRestrictive(verdict.kind, decision)) decision = verdict.kind
    if (decision === 'deny' && stopOnDeny) break
  }

  return {
    decision,
    risk: ctx.risk ?? 'low',
    reasons,
    trace,
    action,
    rewritten: action !== original,
    facts: ctx.facts,
  }
}

function settle(
  stage: Stage,
  action: Action,
  ctx: StageContext,
  timeoutMs?: number,
): Verdict | Promise<Verdict> {
  try {
    const result = stage.check(action, ctx)
    if (!isPromise(result)) return checked(stage.name, result)
    return settleAsync(stage.name, result, timeoutMs ?? DEFAULT_STAGE_TIMEOUT_MS)
  } catch (error) {
    return threw(stage.name, error)
  }
}

async function settleAsync(name: string, result: Promise<Verdict>, budget: number): Promise<Verdict> {
  let timer: NodeJS.Timeout | undefined
  try {
    const verdict = await Promise.race([
      result,
      new Promise<Verdict>((resolve) => {
        timer = setTimeout(() => resolve(failed(name, `exceeded its ${budget} ms budget`)), budget)
      }),
    ])
    return checked(name, verdict)
  } catch (error) {
    return threw(name, error)
  } finally {
    if (timer !== undefined) clearTimeout(timer)
  }
}

function checked(stage: string, verdict: unknown): Verdict {
  return isVerdict(verdict) ? verdict : failed(stage, 'returned something that is not a verdict')
}

function threw(stage: string, error: unknown): Verdict {
  return failed(stage, `threw: ${error instanceof Error ? error.message : String(error)}`)
}

function failed(stage: string, what: string): Verdict {
  return { kind: 'deny', code: 'STAGE_FAILED', reason: `stage ${stage} ${what}; denied (fail closed)` }
}

function isPromise(value: unknown): value is Promise<Verdict> {
  return typeof (value as Promise<Verdict> | undefined)?.then === 'function'
}

const KINDS = new Set(['allow', 'deny', 'pause', 'multi_approve', 'approve', 'confirm', 'review', 'rewrite'])

function isVerdict(value: unknown): value is Verdict {
  if (typeof value !== 'object' || value === null) return false
  const kind = (value as { kind?: unknown }).kind
  if (typeof kind !== 'string' || !KINDS.has(kind)) return false
  if (kind === 'allow') return true
  const v = value as { code?: unknown; reason?: unknown; action?: unknown }
  if (typeof v.code !== 'string' || typeof v.reason !== 'string') return false
  return kind !== 'rewrite' || (typeof v.action === 'object' && v.action !== null)
}

function traceStep(stage: string, verdict: Verdict, ms: number): TraceStep {
  const step: { -readonly [K in keyof TraceStep]: TraceStep[K] } = { stage, verdict: verdict.kind, ms }
  if (verdict.kind !== 'allow' || verdict.code !== undefined) {
    if (verdict.code !== undefined) step.code = verdict.code
    if (verdict.reason !== undefined) step.reason = verdict.reason
  }
  if ('detail' in verdict && verdict.detail !== undefined) step.detail = verdict.detail
  return step
}
