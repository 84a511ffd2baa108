import type { AgentConfig } from '../config/schema.js'
import { permissionList } from '../engine/permission-list.js'
import { checkHttpRequest, compileApisPolicy } from '../policy/apis/apis-policy.js'
import { ruleOnRelation, tableKey } from '../policy/database/table-names.js'
import { canonicalForms } from '../policy/files/canonical-path.js'
import { compileGlob } from '../policy/files/compiled-glob.js'
import type { ResourceUse } from './resource-uses.js'

/** One grant of an agent, named as the audit's `permissions` names it, with the policy's own matcher. */
export interface GrantMatcher {
  /** `files.read:/data/public/**`, `database.SELECT:orders`, `apis.GET:weather.api.com`, `tools:x/y`. */
  readonly grant: string
  readonly section: 'files' | 'database' | 'apis' | 'tools'
  /** The operation (`read`, `SELECT`, `GET`) and the resource (glob, table, host, tool). */
  readonly operation: string
  readonly resource: string
  matches(use: ResourceUse): boolean
}

/**
 * The grants of an agent (permissionList, without the rowLimit / rateLimit settings, which are limits
 * rather than grants), each with a matcher built from the policy's code: compiled globs over canonical
 * paths, the relation rule over parsed SQL, checkHttpRequest on a one-host policy, exact tool names.
 */
export function grantMatchers(agent: AgentConfig): GrantMatcher[] {
  const out: GrantMatcher[] = []
  for (const grant of permissionList(agent.permissions)) {
    const colon = grant.indexOf(':')
    const head = grant.slice(0, colon)
    const resource = grant.slice(colon + 1)
    const [section, operation = ''] = head.split('.') as [string, string | undefined]
    const matcher = matcherFor(section, operation, resource)
    if (matcher !== undefined) {
      out.push({ grant, section: section as GrantMatcher['section'], operation, resource, matches: matcher })
    }
  }
  return out
}

function matcherFor(
  section: string,
  operation: string,
  resource: string,
): ((u: ResourceUse) => boolean) | undefined {
  if (section === 'files') {
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
  if (section === 'database') {
    if (operation === 'rowLimit') return undefined
    const tables = new Set([tableKey(resource)])
    const op = operation.toUpperCase()
    return (use) =>
      use.kind === 'sql' &&
      use.sql !== undefined &&
      use.sql.operations.has(op) &&
      use.sql.relations.some((ref) => ruleOnRelation(ref, tables).ok)
  }
  if (section === 'apis') {
    if (operation === 'rateLimit') return undefined
    let policy: ReturnType<typeof compileApisPolicy>
    try {
      policy = compileApisPolicy({ allowed: [resource], methods: [operation] }, ['report'])
    } catch {
      return () => false
    }
    return (use) => use.kind === 'http' && checkHttpRequest(policy, use.method, use.url).allowed
  }
  if (section === 'tools') return (use) => use.kind === 'tool' && use.name === resource
  return undefined
}
