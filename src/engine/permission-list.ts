import type { Permissions } from '../config/schema.js'

/** One grant of an agent, in parts and as the flat string the audit's `permissions` lists. */
export interface PermissionGrant {
  /** `files.read:/data/public/**`, `database.SELECT:orders`, `apis.GET:weather.api.com`, `tools:x/y`. */
  readonly grant: string
  readonly section: 'files' | 'database' | 'apis' | 'tools'
  /** The operation as configured (`read`, `SELECT`, `GET`); '' for a tool. */
  readonly operation: string
  /** The glob, table, host or tool name. */
  readonly resource: string
}

/** A `rowLimit` / `rateLimit` setting: listed with the grants, but a limit rather than a grant. */
interface PermissionLimit {
  readonly grant: string
  readonly section: 'limit'
}

/**
 * An agent's grants as flat strings (`files.read:/data/public/**`, `database.SELECT:orders`,
 * `apis.GET:weather.api.com`, `tools:github/search_issues`), with `database.rowLimit:<n>` and
 * `apis.rateLimit:<n>/min` after their sections: the seed's `AuditLog.permissions`, and what the
 * quarterly permission review lists.
 */
export function permissionList(p: Permissions | undefined): string[] {
  return permissionEntries(p).map((entry) => entry.grant)
}

/**
 * The grants of permissionList in the same order, without the limit settings, each with its parts, so
 * that nobody parses the flat strings back.
 *
 * @example
 * permissionGrants({ tools: { allow: ['x/y'] } }) // [{ grant: 'tools:x/y', section: 'tools', operation: '', resource: 'x/y' }]
 */
export function permissionGrants(p: Permissions | undefined): PermissionGrant[] {
  return permissionEntries(p).filter((entry): entry is PermissionGrant => entry.section !== 'limit')
}

function permissionEntries(p: Permissions | undefined): (PermissionGrant | PermissionLimit)[] {
  if (p === undefined) return []
  const out: (PermissionGrant | PermissionLimit)[] = []
  const grant = (section: PermissionGrant['section'], operation: string, resource: string) =>
    out.push({
      grant: section === 'tools' ? `tools:${resource}` : `${section}.${operation}:${resource}`,
      section,
      operation,
      resource,
    })
  for (const op of ['read', 'write', 'delete'] as const) {
    for (const glob of p.files?.[op] ?? []) grant('files', op, glob)
  }
  for (const op of p.database?.operations ?? []) {
    for (const table of p.database?.tables ?? []) grant('database', op, table)
  }
  if (p.database?.rowLimit !== undefined)
    out.push({ grant: `database.rowLimit:${p.database.rowLimit}`, section: 'limit' })
  for (const method of p.apis?.methods ?? []) {
    for (const host of p.apis?.allowed ?? []) grant('apis', method, host)
  }
  if (p.apis?.rateLimit !== undefined)
    out.push({ grant: `apis.rateLimit:${p.apis.rateLimit}/min`, section: 'limit' })
  for (const tool of p.tools?.allow ?? []) grant('tools', '', tool)
  return out
}
