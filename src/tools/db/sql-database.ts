import type { EncodedRow } from '../snapshots/row-codec.js'

/** The SELECT that reads, inside the write's transaction, the rows an UPDATE or DELETE is about to change. */
export interface BeforeImageQuery {
  /** The target table as SQL (`"orders"`, `"shop"."orders"`). */
  readonly table: string
  /** The table's name for messages and the manifest (`orders`, `shop.orders`). */
  readonly name: string
  readonly select: string
}

/** One statement to run, and how. */
export interface ExecuteRequest {
  readonly sql: string
  readonly params: readonly unknown[]
  /** Run in a read-only transaction (the grant has no write operation, or the statement is a SELECT). */
  readonly readOnly: boolean
  /** Run, measure, and roll back. */
  readonly dryRun: boolean
  readonly timeoutMs: number
  /** Rows fetched at most; one more than the row limit, to know whether the result was cut. */
  readonly maxRows: number
  readonly beforeImage?: BeforeImageQuery
  readonly maxImageRows: number
  readonly signal?: AbortSignal
}

/** Before-images of changed rows, ready for the snapshot manifest. */
export interface RowImages {
  readonly table: string
  readonly key: readonly string[]
  readonly columns: readonly string[]
  readonly rows: readonly EncodedRow[]
}

/** What a statement returned or changed. */
export interface ExecuteResult {
  readonly columns: readonly string[]
  readonly rows: readonly (readonly unknown[])[]
  /** Rows changed by a write, or rows returned by a read. */
  readonly rowCount: number
  /** Present when before-images were asked for: undefined images mean the table has no primary key. */
  readonly images?: RowImages | { readonly table: string; readonly unavailable: string }
}

/**
 * One governed database (SQLite or PostgreSQL). Failures throw SqlFailure with a tool code
 * (TOOL_DB_TIMEOUT, TOOL_DB_READ_ONLY, TOOL_DB_ERROR); the db.query tool turns them into results.
 */
export interface SqlDatabase {
  readonly engine: 'sqlite' | 'postgres'
  execute(request: ExecuteRequest): Promise<ExecuteResult>
  /** Writes before-images back (upsert on the primary key) in one transaction; returns rows restored. */
  restoreRows(images: RowImages): Promise<number>
  close(): Promise<void>
}

/** A database error with the tool code it becomes in the result. */
export class SqlFailure extends Error {
  readonly code: string
  constructor(code: string, message: string) {
    super(message)
    this.name = 'SqlFailure'
    this.code = code
  }
}

/** A double-quoted SQL identifier (both engines). */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}

/** `INSERT … ON CONFLICT (key) DO UPDATE` restoring whole rows; SQLite ≥ 3.24 and PostgreSQL read it alike. */
export function upsertSql(images: RowImages, placeholder: (i: number) => string): string {
  const cols = images.columns.map(quoteIdent).join(', ')
  const values = images.columns.map((_, i) => placeholder(i + 1)).join(', ')
  const others = images.columns.filter((c) => !images.key.includes(c))
  const update =
    others.length === 0
      ? 'NOTHING'
      : `UPDATE SET ${others.map((c) => `${quoteIdent(c)} = excluded.${quoteIdent(c)}`).join(', ')}`
  const key = images.key.map(quoteIdent).join(', ')
  return `INSERT INTO ${images.table} (${cols}) VALUES (${values}) ON CONFLICT (${key}) DO ${update}`
}
