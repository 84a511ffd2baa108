import type { Permissions } from '../config/schema.js'

/**
 * An agent's grants as flat strings (`files.read:/data/public/**`, `database.SELECT:orders`,
 * `apis.GET:weather.api.com`, `tools:github/search_issues`): the seed's `AuditLog.permissions`, and what
 * the quarterly permission review lists.
 */
export function permissionList(p: Permissions | undefined): string[] {
  if (p === undefined) return []
  const out: string[] = []
  for (const op of ['read', 'write', 'delete'] as const) {
    for (const glob of p.files?.[op] ?? []) out.push(`files.${op}:${glob}`)
  }
  for (const op of p.database?.operations ?? []) {
    for (const table of p.database?.tables ?? []) out.push(`database.${op}:${table}`)
  }
  if (p.database?.rowLimit !== undefined) out.push(`database.rowLimit:${p.database.rowLimit}`)
  for (const method of p.apis?.methods ?? []) {
    for (const host of p.apis?.allowed ?? []) out.push(`apis.${method}:${host}`)
  }
  if (p.apis?.rateLimit !== undefined) out.push(`apis.rateLimit:${p.apis.rateLimit}/min`)
  for (const tool of p.tools?.allow ?? []) out.push(`tools:${tool}`)
  return out
}
