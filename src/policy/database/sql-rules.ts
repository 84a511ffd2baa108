import {
  BUILTIN_TYPES,
  CATALOG_LOOKUP_TYPES,
  SAFE_FUNCTIONS,
  SAFE_VALUE_FUNCTIONS,
} from './safe-functions.js'
import type { SqlFacts } from './sql-facts.js'
import { ruleOnRelation } from './table-names.js'

/** What the facts rule needs from a compiled grant. */
export interface SqlGrant {
  readonly tables: ReadonlySet<string>
  readonly operations: ReadonlySet<string>
  readonly readOnly: boolean
  /** Extra callable functions: `name` (with `public.name`) or `schema.name`. */
  readonly functions: ReadonlySet<string>
}

export interface SqlViolation {
  readonly code: string
  readonly reason: string
}

/**
 * The first rule a statement breaks, in a fixed order: size, hidden writes (SELECT INTO, data-modifying
 * CTEs, MERGE actions, row locks, upserts), relations, catalog lookups, value functions, functions,
 * operators. Undefined when every fact is within the grant.
 */
export function ruleOnFacts(grant: SqlGrant, facts: SqlFacts): SqlViolation | undefined {
  if (facts.tooDeep) return { code: 'SQL_TOO_LARGE', reason: 'the statement is nested too deeply to check' }
  const writeCode = grant.readOnly ? 'SQL_READ_ONLY_VIOLATION' : 'SQL_OPERATION_NOT_ALLOWED'
  if (facts.selectInto) {
    return { code: writeCode, reason: 'SELECT INTO creates a table; db.query never creates tables' }
  }
  for (const write of facts.writes) {
    if (!grant.operations.has(write)) {
      return {
        code: writeCode,
        reason: `the statement hides a ${write} (data-modifying WITH or MERGE action) that is not granted`,
      }
    }
  }
  if (facts.locking && !grant.operations.has('UPDATE')) {
    return { code: writeCode, reason: 'FOR UPDATE/SHARE locks rows; it needs the UPDATE operation' }
  }
  if (facts.upsert && !grant.operations.has('UPDATE')) {
    return { code: writeCode, reason: 'ON CONFLICT DO UPDATE updates rows; it needs the UPDATE operation' }
  }
  for (const ref of facts.relations) {
    const verdict = ruleOnRelation(ref, grant.tables)
    if (!verdict.ok) return verdict
  }
  for (const names of facts.types) {
    const name = names[names.length - 1] ?? ''
    if (CATALOG_LOOKUP_TYPES.has(name)) {
      return { code: 'SQL_SYSTEM_CATALOG', reason: `a cast to ${name} looks names up in the system catalogs` }
    }
    const builtIn =
      names.length === 2 ? names[0] === 'pg_catalog' : names.length === 1 && BUILTIN_TYPES.has(name)
    if (!builtIn && !(names.length === 1 && grant.tables.has(`public.${name}`))) {
      return {
        code: name.startsWith('pg_') ? 'SQL_SYSTEM_CATALOG' : 'SQL_FUNCTION_NOT_ALLOWED',
        reason: `type ${names.join('.')} is neither built in nor the row type of a granted table`,
      }
    }
  }
  for (const op of facts.valueFunctions) {
    if (!SAFE_VALUE_FUNCTIONS.has(op)) {
      return {
        code: 'SQL_FUNCTION_NOT_ALLOWED',
        reason: `${op.replace('SVFOP_', '')} describes the server and is not allowed`,
      }
    }
  }
  for (const names of facts.functions) {
    if (!isCallable(grant, names)) {
      return {
        code: 'SQL_FUNCTION_NOT_ALLOWED',
        reason: `function ${names.join('.')} is not on the allow-list`,
      }
    }
  }
  for (const names of facts.operators) {
    if (names[0] !== 'pg_catalog') {
      return { code: 'SQL_FUNCTION_NOT_ALLOWED', reason: `operator ${names.join('.')} is not built in` }
    }
  }
  return undefined
}

// The two sampling methods PostgreSQL ships; others come from extensions (system_time can hold a query).
const SAMPLE_METHODS = new Set(['system', 'bernoulli'])

function isCallable(grant: SqlGrant, names: readonly string[]): boolean {
  if (names[0] === 'tablesample') {
    const rest = names.slice(1)
    return SAMPLE_METHODS.has(rest[rest.length - 1] ?? '') && (rest.length === 1 || rest[0] === 'pg_catalog')
  }
  const [first = '', second] = names
  if (names.length === 1) return SAFE_FUNCTIONS.has(first) || grant.functions.has(first)
  if (names.length !== 2 || second === undefined) return false
  return (first === 'pg_catalog' && SAFE_FUNCTIONS.has(second)) || grant.functions.has(`${first}.${second}`)
}
