import type { AgentConfig } from '../config/schema.js'
import { type PermissionGrant, permissionGrants } from '../engine/permission-list.js'
import { checkHttpRequest, compileApisPolicy } from '../policy/apis/apis-policy.js'
import { ruleOnRelation, tableKey } from '../policy/database/table-names.js'
import { canonicalForms } from '../policy/files/canonical-path.js'
import { compileGlob } from '../policy/files/compiled-glob.js'
import type { ResourceUse } from './resource-uses.js'

/** One grant of an agent, named as the audit's `permissions` names it, with the policy's own matcher. */
export interface GrantMatcher extends PermissionGrant {
  matches(use: ResourceUse): boolean
}

/**
 * The grants of an agent (permissionGrants: permissionList without the rowLimit / rateLimit settings,
 * which are limits rather than grants), each with a matcher built from the policy's code: compiled globs
 * over canonical paths, the relation rule over parsed SQL, checkHttpRequest on a one-host policy, exact
 * tool names.
 */
export function grantMatchers(agent: AgentConfig): GrantMatcher[] {
  return permissionGrants(agent.permissions).map((grant) => ({ ...grant, matches: matcherFor(grant) }))
}

function matcherFor({ section, operation, resource }: PermissionGrant): (use: ResourceUse) => boolean {
  switch (section) {
    case 'files': {
      const compiled = compileGlob(resource)
      if (!compiled.ok) return () => false
      const glob = compiled.glob
      return (use) => {
        if (use.kind !== 'file' || (use.op === 'list' ? 'read' : use.op) !== operation) return false
        const forms = canonicalForms(use.path)
        if (!forms.ok) return false
        return use.op === 'list' ? glob.lists(forms.path) : glob.grants(forms.path)
      }
    }
    case 'database': {
      const tables = new Set([tableKey(resource)])
      const op = operation.toUpperCase()
      return (use) =>
        use.kind === 'sql' &&
        use.sql !== undefined &&
        use.sql.operations.has(op) &&
        use.sql.relations.some((ref) => ruleOnRelation(ref, tables).ok)
    }
    case 'apis': {
      let policy: ReturnType<typeof compileApisPolicy>
      try {
        policy = compileApisPolicy({ allowed: [resource], methods: [operation] }, ['report'])
      } catch {
        return () => false
      }
      return (use) => use.kind === 'http' && checkHttpRequest(policy, use.method, use.url).allowed
    }
    case 'tools':
      return (use) => use.kind === 'tool' && use.name === resource
  }
}
