import { type StatementUse, statementUse } from '../policy/database/statement-use.js'
import { mappedCalls, type ResourceMapping } from '../policy/upstream-resources.js'

/** What an allowed action touched, in the terms of the grants that could have allowed it. */
export type ResourceUse =
  | { readonly kind: 'file'; readonly op: 'read' | 'write' | 'delete' | 'list'; readonly path: unknown }
  | { readonly kind: 'sql'; readonly sql: StatementUse | undefined }
  | { readonly kind: 'http'; readonly method: unknown; readonly url: unknown }
  | { readonly kind: 'tool'; readonly name: string }

/**
 * The resource uses of one action: governed tools by their arguments, any other tool by name, and an
 * upstream tool's arguments mapped onto files / database / apis (`resources`, from upstreamResources) as
 * well, exactly as the policy stage reads them.
 */
export function resourceUses(
  resources: ReadonlyMap<string, readonly ResourceMapping[]>,
  tool: string,
  args: Readonly<Record<string, unknown>> | null,
): ResourceUse[] {
  const governed = governedUse(tool, args ?? {})
  if (governed !== undefined) return args === null ? [] : [governed]
  const uses: ResourceUse[] = [{ kind: 'tool', name: tool }]
  const mappings = resources.get(tool)
  if (mappings === undefined || args === null) return uses
  for (const call of mappedCalls(mappings, args)) {
    const use = governedUse(call.operation, call.args)
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
function sqlUse(sql: unknown): StatementUse | undefined {
  if (typeof sql !== 'string') return undefined
  try {
    return statementUse(sql)
  } catch {
    return undefined
  }
}
