import type { TextEdit } from './portable-text.js'
import { type SqlNode, unwrap } from './sql-parser.js'

/** How a top-level SELECT is made to return at most rowLimit rows. */
export type LimitPlan =
  | { readonly kind: 'fits' }
  | { readonly kind: 'append' }
  | { readonly kind: 'replace'; readonly edit: TextEdit }
  | { readonly kind: 'wrap' }

/**
 * Plans the LIMIT of a top-level SELECT from its parse tree: append ` LIMIT n` when there is none, lower a
 * larger constant LIMIT / FETCH FIRST count or `LIMIT ALL` in place (at the parser's byte location), and
 * wrap as `SELECT * FROM (<stmt>) AS warden_limited LIMIT n` when the count is a parameter or an
 * expression, WITH TIES, or an OFFSET alone. `fits` when the statement already returns few enough rows.
 */
export function planLimit(bytes: Buffer, select: SqlNode, limit: number): LimitPlan {
  // A bare VALUES list has as many rows as it lists (and SQLite takes no LIMIT after it).
  if (
    Array.isArray(select.valuesLists) &&
    select.limitCount === undefined &&
    select.limitOffset === undefined
  ) {
    return select.valuesLists.length <= limit ? { kind: 'fits' } : { kind: 'wrap' }
  }
  const count = select.limitCount
  if (count === undefined && select.limitOption !== 'LIMIT_OPTION_WITH_TIES') {
    return select.limitOffset === undefined ? { kind: 'append' } : { kind: 'wrap' }
  }
  const constant = unwrap(count)
  if (select.limitOption !== 'LIMIT_OPTION_COUNT' || constant?.tag !== 'A_Const') return { kind: 'wrap' }
  const value = constantValue(constant.body)
  if (value !== undefined && value >= 0n && value <= BigInt(limit)) return { kind: 'fits' }
  const at = typeof constant.body.location === 'number' ? constant.body.location : -1
  const word = at >= 0 ? wordAt(bytes, at) : ''
  const replaceable = constant.body.isnull === true ? word.toUpperCase() === 'ALL' : /^[0-9]+$/.test(word)
  if (!replaceable) return { kind: 'wrap' }
  return { kind: 'replace', edit: { start: at, end: at + word.length, text: String(limit) } }
}

/** Result-time enforcement of `rowLimit`: the first rows, and whether any were cut. */
export function truncateRows<T>(
  rows: readonly T[],
  rowLimit: number | undefined,
): { rows: readonly T[]; truncated: boolean } {
  if (rowLimit === undefined || rows.length <= rowLimit) return { rows, truncated: false }
  return { rows: rows.slice(0, rowLimit), truncated: true }
}

// An integer constant's value (ival omits 0; large integers arrive as fval text), else undefined.
function constantValue(node: SqlNode): bigint | undefined {
  const ival = node.ival as { ival?: unknown } | undefined
  if (ival !== undefined) return typeof ival.ival === 'number' ? BigInt(ival.ival) : 0n
  const fval = (node.fval as { fval?: unknown } | undefined)?.fval
  return typeof fval === 'string' && /^[0-9]+$/.test(fval) ? BigInt(fval) : undefined
}

// The run of identifier or number bytes that starts at a token location.
function wordAt(bytes: Buffer, at: number): string {
  let i = at
  while (i < bytes.length && isWordByte(bytes[i] ?? 0)) i++
  return bytes.subarray(at, i).toString('latin1')
}

function isWordByte(b: number): boolean {
  return (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b === 95
}
