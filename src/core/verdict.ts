import type { Action, Decision } from './action.js'

/**
 * What one stage says about an action. A stage never throws to deny: a deny is a value.
 * `rewrite` replaces the action for the stages after it (e.g. a clamped SQL row limit) and is recorded.
 */
export type Verdict =
  | { readonly kind: 'allow'; readonly code?: string; readonly reason?: string }
  | {
      readonly kind: Exclude<Decision, 'allow'>
      readonly code: string
      readonly reason: string
      /** Extra facts for the audit trail (e.g. `permissionAudit: true`). */
      readonly detail?: Readonly<Record<string, unknown>>
    }
  | { readonly kind: 'rewrite'; readonly action: Action; readonly code: string; readonly reason: string }

export const ALLOW: Verdict = Object.freeze({ kind: 'allow' })

export function allow(code?: string, reason?: string): Verdict {
  if (code === undefined) return ALLOW
  return reason === undefined ? { kind: 'allow', code } : { kind: 'allow', code, reason }
}

export function deny(code: string, reason: string, detail?: Record<string, unknown>): Verdict {
  return detail === undefined ? { kind: 'deny', code, reason } : { kind: 'deny', code, reason, detail }
}

export function requireControl(
  kind: Exclude<Decision, 'allow' | 'deny'>,
  code: string,
  reason: string,
  detail?: Record<string, unknown>,
): Verdict {
  return detail === undefined ? { kind, code, reason } : { kind, code, reason, detail }
}

export function rewrite(action: Action, code: string, reason: string): Verdict {
  return { kind: 'rewrite', action, code, reason }
}
