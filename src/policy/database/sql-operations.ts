/** Statement kinds a grant may list under `operations`. TRUNCATE is a write over named tables. */
export const GRANTABLE_OPERATIONS: ReadonlySet<string> = new Set([
  'SELECT',
  'INSERT',
  'UPDATE',
  'DELETE',
  'MERGE',
  'TRUNCATE',
])

/** Kinds that change data: a grant without any of them is read-only. */
export const WRITE_OPERATIONS: ReadonlySet<string> = new Set([
  'INSERT',
  'UPDATE',
  'DELETE',
  'MERGE',
  'TRUNCATE',
])

// Names an operator might reasonably write under `operations` that db.query never runs: schema changes
// belong to migrations, and session, transaction and server commands escape the one-statement model (the
// reference PostgreSQL MCP server fell to `COMMIT; DROP SCHEMA ...` inside its read-only transaction).
const NEVER_GRANTABLE = new Set([
  'CREATE',
  'ALTER',
  'DROP',
  'RENAME',
  'COMMENT',
  'GRANT',
  'REVOKE',
  'SET',
  'RESET',
  'SHOW',
  'COPY',
  'DO',
  'CALL',
  'PREPARE',
  'EXECUTE',
  'DEALLOCATE',
  'LISTEN',
  'NOTIFY',
  'UNLISTEN',
  'VACUUM',
  'ANALYZE',
  'CLUSTER',
  'REINDEX',
  'LOCK',
  'BEGIN',
  'COMMIT',
  'ROLLBACK',
  'SAVEPOINT',
  'DECLARE',
  'FETCH',
  'MOVE',
  'CLOSE',
  'DISCARD',
  'LOAD',
  'CHECKPOINT',
  'REFRESH',
  'SECURITY',
  'IMPORT',
  'EXPLAIN',
  'DDL',
  'UTILITY',
])

/** Why an `operations` entry cannot be granted, or undefined when it can (case-insensitive). */
export function invalidOperation(entry: string): string | undefined {
  const upper = entry.toUpperCase()
  if (GRANTABLE_OPERATIONS.has(upper)) return undefined
  if (NEVER_GRANTABLE.has(upper)) {
    return `${entry} is never allowed through db.query (schema changes, session, transaction and server commands are refused); grantable: ${[...GRANTABLE_OPERATIONS].join(', ')}`
  }
  return `unknown operation "${entry}"; grantable: ${[...GRANTABLE_OPERATIONS].join(', ')}`
}

const STATEMENT_KINDS: Readonly<Record<string, string>> = {
  SelectStmt: 'SELECT',
  InsertStmt: 'INSERT',
  UpdateStmt: 'UPDATE',
  DeleteStmt: 'DELETE',
  MergeStmt: 'MERGE',
  TruncateStmt: 'TRUNCATE',
}

/** The operation of a top-level statement node, or undefined for a utility statement (SET, COPY, DDL...). */
export function statementKind(tag: string): string | undefined {
  return STATEMENT_KINDS[tag]
}

/** A readable name for a utility statement tag: `VariableSetStmt` → `VariableSet`. */
export function utilityName(tag: string): string {
  return tag.endsWith('Stmt') ? tag.slice(0, -4) : tag
}
