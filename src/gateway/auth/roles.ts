/** The roles of the admin API (DESIGN.md). */
export type Role = 'admin' | 'approver' | 'auditor'

/** The operator a bearer token belongs to. */
export interface Operator {
  readonly name: string
  readonly role: Role
}

/**
 * Whether `have` may use a route that needs `need`. Admin may do everything; approver and auditor only
 * their own routes, so an auditor's leaked token cannot stop agents or approve actions.
 */
export function roleAllows(have: Role, need: Role): boolean {
  return have === 'admin' || have === need
}
