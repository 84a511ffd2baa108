import type { DatabasePermissions } from '../../config/schema.js'
import type { BoundaryResult } from '../boundary.js'
import { compileDatabasePolicy, type DatabasePolicy } from './database-policy.js'

// Builders shared by the database boundary tests.

export const AT = ['agents', 'reporter', 'permissions', 'database'] as const
export const SEED: DatabasePermissions = {
  tables: ['products', 'orders'],
  operations: ['SELECT'],
  rowLimit: 1000,
}

/** The seed's grant (products, orders; SELECT; rowLimit 1000) with some keys replaced. */
export function aPolicy(perms: Partial<DatabasePermissions> = {}): DatabasePolicy {
  return compileDatabasePolicy({ ...SEED, ...perms }, AT)
}

/** The code of a deny, or 'allow' (allowed with or without a rewrite). */
export function verdict(result: BoundaryResult): string {
  return result.allowed ? 'allow' : result.code
}

/** The seed's grant without a row limit (so that allowed reads come back unchanged). */
export const readOnly = (): DatabasePolicy => aPolicy({ rowLimit: undefined })

/** SELECT, INSERT, UPDATE, DELETE and MERGE on products and orders. */
export const writer = (): DatabasePolicy =>
  aPolicy({ operations: ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'MERGE'], rowLimit: undefined })
