import type { WardenConfig } from '../config/schema.js'
import { collectFacts, type RelationRef } from '../policy/database/sql-facts.js'
import { statementKind } from '../policy/database/sql-operations.js'
import { parseSql, unwrap } from '../policy/database/sql-parser.js'

/** What an allowed action touched, in the terms of the grants that could have allowed it. */
export type ResourceUse =
  | { readonly kind: 'file'; readonly op: 'read' | 'write' | 'delete' | 'list'; readonly path: unknown }
  | { readonly kind: 'sql'; readonly sql: SqlUse | undefined }
  | { readonly kind: 'http'; readonly method: unknown; readonly url: unknown }
  | { readonly kind: 'tool'; readonly name: string }

/** The operations a statement performs (its kind and any nested writes) and the relations it names. */
export interface SqlUse {
  readonly operations: ReadonlySet<string>
  readonly relations: readonly RelationRef[]
}

/**
 * The resource uses of one action: governed tools by their arguments, any other tool by name, and an
 * upstream tool's arguments mapped onto files / database / apis (`upstreams.<s>.resources`) as well,
 * exactly as the policy stage reads them.
 */
export function resourceUses(
  config: WardenConfig,
  tool: string,
  args: Readonly<Record<string, unknown>> | null,
): ResourceUse[] {
  const a = args ?? {}
  const governed = governedUse(tool, a)
  if (governed !== undefined) return args === null ? [] : [governed]
  const uses: ResourceUse[] = [{ kind: 'tool', name: tool }]
  const slash = tool.indexOf('/')
  const mapping =
    slash < 0 ? undefined : config.upstreams[tool.slice(0, slash)]?.resources[tool.slice(slash + 1)]
  if (mapping === undefined || args === null) return uses
  for (const [operation, argument] of Object.entries(mapping)) {
    const value = a[argument as string]
    const mapped =
      operation === 'db.query'
        ? { sql: value }
        : operation === 'http.request'
          ? { url: value, method: a['method'] ?? 'GET' }
          : { path: value }
    const use = governedUse(operation, mapped)
    if (use !== undefined) uses.push(use)
  }
  return uses
}

function governedUse(tool: string, args: Readonly<Record<string, unknown>>): ResourceUse | undefined {
  switch (tool) {
    case 'files.read':
    case 'files.write':
    case 'files.delete':
    case 'files.list':
      return { kind: 'file', op: tool.slice('files.'.length) as 'read', path: args['path'] }
    case 'db.query':
      return { kind: 'sql', sql: sqlUse(args['sql']) }
    case 'http.request':
      return { kind: 'http', method: args['method'] ?? 'GET', url: args['url'] }
    default:
      return undefined
  }
}

/** Parses with the policy's PostgreSQL parser (loadSqlParser must have run); undefined when it cannot. */
function sqlUse(sql: unknown): SqlUse | undefined {
  if (typeof sql !== 'string') return undefined
  try {
    const parsed = parseSql(sql)
    if (!parsed.ok || parsed.statements.length !== 1) return undefined
    const top = unwrap(parsed.statements[0]?.stmt)
    if (top === undefined) return undefined
    const explained = top.tag === 'ExplainStmt' ? unwrap(top.body['query']) : undefined
    const { tag, body } = explained ?? top
    const kind = statementKind(tag)
    if (kind === undefined) return undefined
    const facts = collectFacts(body)
    return { operations: new Set([kind, ...facts.writes]), relations: facts.relations }
  } catch {
    return undefined
  }
}
