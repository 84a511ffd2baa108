import { loadModule, parseSync } from 'libpg-query'
import { WardenError } from '../../errors/warden-error.js'

/** A parse-tree node as libpg-query prints it: `{ SelectStmt: {...} }` or an unwrapped struct. */
export type SqlNode = Readonly<Record<string, unknown>>

/** One statement of a parse: its node and where it sits in the input, in UTF-8 bytes. */
export interface RawStatement {
  readonly stmt: SqlNode
  /** Byte offset of the statement's first character (0 when absent). */
  readonly start: number
  /** Byte length up to the `;` that ends it, or undefined when it runs to the end of the input. */
  readonly length: number | undefined
}

export type ParseOutcome =
  | { readonly ok: true; readonly statements: readonly RawStatement[] }
  | { readonly ok: false; readonly message: string }

let loaded: Promise<void> | undefined
let ready = false

/**
 * Loads the PostgreSQL parser (WebAssembly). Idempotent: call it once at start-up, before checkSql.
 *
 * @example
 * await loadSqlParser()
 */
export function loadSqlParser(): Promise<void> {
  loaded ??= loadModule().then(() => {
    ready = true
  })
  return loaded
}

/** Parses with the real PostgreSQL grammar; a syntax error is a value, not a throw. */
export function parseSql(sql: string): ParseOutcome {
  if (!ready) {
    throw new WardenError(
      'SQL_PARSER_NOT_LOADED',
      'the SQL parser is not loaded: await loadSqlParser() at start-up',
    )
  }
  // The WebAssembly build refuses '' outright; PostgreSQL itself reads it as no statement.
  if (sql.length === 0) return { ok: true, statements: [] }
  let tree: unknown
  try {
    tree = parseSync(sql)
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) }
  }
  const stmts = (tree as { stmts?: unknown }).stmts
  if (stmts === undefined) return { ok: true, statements: [] }
  if (!Array.isArray(stmts)) return { ok: false, message: 'the parser returned no statement list' }
  const statements: RawStatement[] = []
  for (const raw of stmts as Array<Record<string, unknown>>) {
    const stmt = raw.stmt
    if (stmt === null || typeof stmt !== 'object')
      return { ok: false, message: 'the parser returned an empty statement' }
    statements.push({
      stmt: stmt as SqlNode,
      start: typeof raw.stmt_location === 'number' ? raw.stmt_location : 0,
      length: typeof raw.stmt_len === 'number' && raw.stmt_len > 0 ? raw.stmt_len : undefined,
    })
  }
  return { ok: true, statements }
}

/** The tag and body of a wrapped node (`{ SelectStmt: body }`), or undefined for anything else. */
export function unwrap(node: unknown): { readonly tag: string; readonly body: SqlNode } | undefined {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined
  // for-in instead of Object.keys: this runs for every object of every tree (no array per call).
  let tag: string | undefined
  for (const key in node) {
    if (tag !== undefined) return undefined
    tag = key
  }
  if (tag === undefined || !isNodeTag(tag)) return undefined
  const body = (node as Record<string, unknown>)[tag]
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined
  return { tag, body: body as SqlNode }
}

/** Node tags are PascalCase type names (SelectStmt, A_Expr); struct fields are camelCase or snake_case. */
export function isNodeTag(key: string): boolean {
  const first = key.charCodeAt(0)
  return first >= 65 && first <= 90
}

/** The strings of a name list (`[{ String: { sval: 'pg_catalog' } }, ...]`); other items read as `*`. */
export function nameList(value: unknown): string[] {
  if (!Array.isArray(value)) return []
  return value.map((item) => {
    const node = unwrap(item)
    return node?.tag === 'String' && typeof node.body.sval === 'string' ? node.body.sval : '*'
  })
}
