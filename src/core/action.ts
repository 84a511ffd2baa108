/**
 * An action is one thing an agent asks to do: a tool call with its arguments and the context the agent or
 * the gateway knows beside them. Every stage of the pipeline reads the same shape.
 *
 * @example
 * const action: Action = { agent: 'reporter', tool: 'files.read', args: { path: '/data/public/a.txt' } }
 */
export interface Action {
  readonly id?: string
  readonly agent: string
  readonly session?: string
  readonly tool: string
  readonly args: Readonly<Record<string, unknown>>
  readonly context?: Readonly<Record<string, unknown>>
}

/** The decisions an action can receive, from most to least restrictive. */
export const DECISIONS = ['deny', 'pause', 'multi_approve', 'approve', 'confirm', 'review', 'allow'] as const
export type Decision = (typeof DECISIONS)[number]

/** Risk levels, low to critical (the seed's action classification table). */
export const RISKS = ['low', 'medium', 'high', 'critical'] as const
export type Risk = (typeof RISKS)[number]

const DECISION_RANK: Readonly<Record<Decision, number>> = Object.freeze({
  deny: 6,
  pause: 5,
  multi_approve: 4,
  approve: 3,
  confirm: 2,
  review: 1,
  allow: 0,
})

/** True when `a` is strictly more restrictive than `b` (`deny > pause > multi_approve > … > allow`). */
export function isMoreRestrictive(a: Decision, b: Decision): boolean {
  return DECISION_RANK[a] > DECISION_RANK[b]
}

/** The more restrictive of two decisions. */
export function mostRestrictive(a: Decision, b: Decision): Decision {
  return isMoreRestrictive(b, a) ? b : a
}

export function isDecision(value: unknown): value is Decision {
  return typeof value === 'string' && (DECISIONS as readonly string[]).includes(value)
}
