import type { WardenConfig } from '../config/schema.js'

/** The governed operation an upstream tool's argument maps onto (`upstreams.<s>.resources`). */
export interface ResourceMapping {
  readonly operation: string
  readonly argument: string
}

/** One mapped argument as the governed operation receives it: `pg/query.statement` as `db.query` `{ sql }`. */
export interface MappedCall extends ResourceMapping {
  readonly args: Readonly<Record<string, unknown>>
}

/**
 * Every upstream tool's mappings, keyed `<server>/<tool>` as actions name it. Read once, at load: the
 * policy stage checks mapped arguments with it, and the permission report attributes them with the same
 * table, so the two cannot read a mapping differently.
 *
 * @example
 * upstreamResources(config).get('pg/query') // [{ operation: 'db.query', argument: 'statement' }]
 */
export function upstreamResources(config: WardenConfig): ReadonlyMap<string, readonly ResourceMapping[]> {
  const resources = new Map<string, ResourceMapping[]>()
  for (const [server, upstream] of Object.entries(config.upstreams)) {
    for (const [tool, mapping] of Object.entries(upstream.resources)) {
      const list = Object.entries(mapping).map(([operation, argument]) => ({ operation, argument }))
      resources.set(`${server}/${tool}`, list)
    }
  }
  return resources
}

/**
 * The governed calls an upstream tool's arguments amount to, in mapping order: each mapped argument
 * becomes the one argument its operation reads (`sql`, `url`, `path`); an http.request also takes the
 * tool's own `method`, GET when it has none.
 *
 * @example
 * mappedCalls([{ operation: 'db.query', argument: 'statement' }], { statement: 'SELECT 1' })
 * // [{ operation: 'db.query', argument: 'statement', args: { sql: 'SELECT 1' } }]
 */
export function mappedCalls(
  mappings: readonly ResourceMapping[],
  args: Readonly<Record<string, unknown>>,
): MappedCall[] {
  return mappings.map(({ operation, argument }) => {
    const value = args[argument]
    const mapped =
      operation === 'db.query'
        ? { sql: value }
        : operation === 'http.request'
          ? { url: value, method: args['method'] ?? 'GET' }
          : { path: value }
    return { operation, argument, args: mapped }
  })
}
