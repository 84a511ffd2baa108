/**
 * What a capability boundary (files, database, apis, tools) says about one action: allowed, perhaps with
 * rewritten arguments (a clamped SQL LIMIT), or refused with a stable code. Pure values: the policy stage
 * turns them into verdicts.
 */
export type BoundaryResult =
  | {
      readonly allowed: true
      /** Replacement arguments, when the boundary rewrote the action to fit (recorded as a rewrite). */
      readonly args?: Readonly<Record<string, unknown>>
      readonly code?: string
      readonly reason?: string
      /** What the boundary learned that later stages use (e.g. `sql.kind` for the risk stage). */
      readonly facts?: Readonly<Record<string, unknown>>
    }
  | {
      readonly allowed: false
      readonly code: string
      readonly reason: string
      readonly detail?: Readonly<Record<string, unknown>>
    }

export const PERMITTED: BoundaryResult = Object.freeze({ allowed: true })

export function refused(code: string, reason: string, detail?: Record<string, unknown>): BoundaryResult {
  return detail === undefined ? { allowed: false, code, reason } : { allowed: false, code, reason, detail }
}
