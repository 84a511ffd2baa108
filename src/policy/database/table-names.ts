import type { RelationRef } from './sql-facts.js'

// An unquoted identifier as PostgreSQL stores it after folding to lower case. Grants are written this way;
// a quoted mixed-case name ("Products") is a different relation and is never granted by `products`.
const IDENTIFIER = /^[a-z_][a-z0-9_$]*$/

/**
 * Schemas that hold the system catalogs. pg_catalog is searched before every other schema, so an
 * unqualified `pg_user` or `pg_shadow` is the catalog view, whatever the grant says.
 */
export function isSystemSchema(schema: string): boolean {
  return schema === 'information_schema' || schema.startsWith('pg_')
}

/** Why a configured table name cannot be granted, or undefined when it is a valid grant. */
export function invalidTableName(entry: string): string | undefined {
  const parts = entry.split('.')
  if (parts.length > 2 || parts.some((part) => !IDENTIFIER.test(part))) {
    return `"${entry}" is not a lower-case table name (write table or schema.table; PostgreSQL folds unquoted names to lower case)`
  }
  const [first = '', second] = parts
  if (isSystemSchema(second === undefined ? 'public' : first) || (second ?? first).startsWith('pg_')) {
    return `"${entry}" names a system catalog; catalogs are never granted through db.query`
  }
  return undefined
}

/** The canonical key of a configured table: `products` and `public.products` are both `public.products`. */
export function tableKey(entry: string): string {
  return entry.includes('.') ? entry : `public.${entry}`
}

export type RelationVerdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: string; readonly reason: string }

/**
 * Rules on one relation of a query against the granted table keys. Unqualified names resolve in public
 * (the search path cannot be changed through db.query); any other schema must be granted by name.
 */
export function ruleOnRelation(ref: RelationRef, tables: ReadonlySet<string>): RelationVerdict {
  const written = [ref.catalog, ref.schema, ref.name].filter((part) => part !== undefined).join('.')
  if (ref.catalog !== undefined) {
    return { ok: false, code: 'SQL_SCHEMA_NOT_ALLOWED', reason: `${written}: names another database` }
  }
  if (isSystemSchema(ref.schema ?? '') || (ref.schema === undefined && ref.name.startsWith('pg_'))) {
    return { ok: false, code: 'SQL_SYSTEM_CATALOG', reason: `${written}: system catalogs are never readable` }
  }
  const schema = ref.schema ?? 'public'
  if (tables.has(`${schema}.${ref.name}`)) return { ok: true }
  if (schema !== 'public' && ![...tables].some((key) => key.startsWith(`${schema}.`))) {
    return {
      ok: false,
      code: 'SQL_SCHEMA_NOT_ALLOWED',
      reason: `${written}: schema "${schema}" is not granted`,
    }
  }
  return { ok: false, code: 'SQL_TABLE_NOT_ALLOWED', reason: `${written}: table is not granted` }
}
