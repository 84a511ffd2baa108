import type { AgentConfig } from '../config/schema.js'
import { compileGlob } from '../policy/files/compiled-glob.js'
import { detectEscalation } from '../policy/tools/escalation.js'
import type { GrantMatcher } from './grant-matchers.js'

/** SQL operations that change or remove rows: worth a person's second look at every quarterly review. */
const DESTRUCTIVE_SQL: ReadonlySet<string> = new Set(['DELETE', 'UPDATE', 'TRUNCATE', 'MERGE'])

/**
 * Why a grant is broad, or null: a glob at the file-system root (or one level below it for write and
 * delete), a `*.suffix` host, the DELETE method, a destructive SQL operation, or a tool whose name itself
 * grants permissions (the policy's escalation detector).
 *
 * @example broadReason(grantMatchers(agent)[0]) // 'write on /data/**: everything below /data'
 */
export function broadReason(grant: GrantMatcher): string | null {
  switch (grant.section) {
    case 'files': {
      const compiled = compileGlob(grant.resource)
      if (!compiled.ok) return null
      const base = compiled.glob.base
      const depth = base === '/' ? 0 : base.split('/').length - 1
      const wild = grant.resource !== base
      const limit = grant.operation === 'read' ? 0 : 1
      return wild && depth <= limit
        ? `${grant.operation} on ${grant.resource}: everything below ${base}`
        : null
    }
    case 'apis':
      if (grant.resource.startsWith('*.')) return `every host under ${grant.resource.slice(2)}`
      return grant.operation === 'DELETE' ? `DELETE on ${grant.resource}` : null
    case 'database':
      return DESTRUCTIVE_SQL.has(grant.operation.toUpperCase())
        ? `${grant.operation.toUpperCase()} changes or removes rows of ${grant.resource}`
        : null
    case 'tools': {
      const escalation = detectEscalation(grant.resource, {})
      return escalation?.source === 'name' ? `grants permissions: ${escalation.reason}` : null
    }
  }
}

/** Limits an agent's grants go without: no rowLimit on a SELECT grant, no rateLimit on apis. */
export function missingLimits(agent: AgentConfig): { grant: string; message: string }[] {
  const p = agent.permissions
  const out: { grant: string; message: string }[] = []
  const selects = p.database?.operations.some((op) => op.toUpperCase() === 'SELECT') ?? false
  if (selects && p.database?.rowLimit === undefined) {
    out.push({
      grant: 'database.rowLimit',
      message: 'SELECT is granted without a rowLimit: a query may read whole tables',
    })
  }
  if (p.apis !== undefined && p.apis.allowed.length > 0 && p.apis.rateLimit === undefined) {
    out.push({ grant: 'apis.rateLimit', message: 'apis are granted without a rateLimit' })
  }
  return out
}
