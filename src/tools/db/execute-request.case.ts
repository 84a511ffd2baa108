import type { ExecuteRequest } from './sql-database.js'

/** A statement request for SqlDatabase tests: read-only, no dry-run, 5 s timeout, 10 rows, unless overridden. */
export function anExecuteRequest(sql: string, over: Partial<ExecuteRequest> = {}): ExecuteRequest {
  return {
    sql,
    params: [],
    readOnly: true,
    dryRun: false,
    timeoutMs: 5_000,
    maxRows: 10,
    maxImageRows: 10,
    ...over,
  }
}
