import { applyEdits, portableText } from './portable-text.js'
import { planLimit } from './row-limit.js'
import type { RawStatement, SqlNode } from './sql-parser.js'

export type StatementRewrite =
  | { readonly ok: true; readonly sql: string; readonly limited: boolean }
  | { readonly ok: true; readonly sql: undefined }
  | { readonly ok: false; readonly reason: string }

/**
 * The text a checked statement runs as: one statement without the trailing `;`, comments restated away,
 * E'...' and dollar-quoted strings as standard literals, and, for a top-level SELECT under a rowLimit, the
 * LIMIT added or lowered. `sql: undefined` when the input can run exactly as written.
 */
export function rewriteStatement(
  sql: string,
  statement: RawStatement,
  strings: ReadonlyMap<number, string>,
  select: SqlNode | undefined,
  rowLimit: number | undefined,
): StatementRewrite {
  const bytes = Buffer.from(sql, 'utf8')
  const end = statement.length === undefined ? bytes.length : statement.start + statement.length
  const text = portableText(bytes, statement.start, end, strings)
  if (!text.ok) return text
  const plan =
    select === undefined || rowLimit === undefined
      ? { kind: 'fits' as const }
      : planLimit(bytes, select, rowLimit)
  if (plan.kind === 'fits' && !text.changed) return { ok: true, sql: undefined }
  const edits = plan.kind === 'replace' ? [...text.edits, plan.edit] : text.edits
  const body = applyEdits(bytes, text.start, text.end, edits)
  switch (plan.kind) {
    case 'fits':
      return { ok: true, sql: body, limited: false }
    case 'replace':
      return { ok: true, sql: body, limited: true }
    case 'append':
      return { ok: true, sql: `${body} LIMIT ${rowLimit}`, limited: true }
    case 'wrap':
      return { ok: true, sql: `SELECT * FROM (${body}) AS warden_limited LIMIT ${rowLimit}`, limited: true }
  }
}
