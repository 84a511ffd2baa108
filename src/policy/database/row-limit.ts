import { scanSync } from 'libpg-query'
import type { RawStatement, SqlNode } from './sql-parser.js'
import { unwrap } from './sql-parser.js'

// The parser reports locations in UTF-8 bytes, so every edit below works on the bytes of the statement.

const COMMENT_TOKENS = new Set(['SQL_COMMENT', 'C_COMMENT'])

/**
 * Makes a top-level SELECT return at most `limit` rows by editing its LIMIT at the parser's locations:
 * appends ` LIMIT n` when there is none, lowers a larger constant LIMIT / FETCH FIRST count or `LIMIT ALL`
 * in place, and otherwise (a parameter or expression, WITH TIES, an OFFSET alone) wraps the statement as
 * `SELECT * FROM (<stmt>) AS warden_limited LIMIT n`. Returns undefined when the statement already fits.
 * The output is one statement without the trailing `;` or comments, valid in PostgreSQL and, for a plain
 * SELECT, in SQLite.
 */
export function rewriteRowLimit(
  sql: string,
  statement: RawStatement,
  select: SqlNode,
  limit: number,
): string | undefined {
  const bytes = Buffer.from(sql, 'utf8')
  const end = statement.length === undefined ? bytes.length : statement.start + statement.length
  const body = bytes.subarray(statement.start, codeEnd(bytes, statement.start, end))
  // A bare VALUES list has as many rows as it lists (and SQLite takes no LIMIT after it).
  if (
    Array.isArray(select.valuesLists) &&
    select.limitCount === undefined &&
    select.limitOffset === undefined
  ) {
    return select.valuesLists.length <= limit ? undefined : wrap(body, limit)
  }
  const count = select.limitCount
  if (count === undefined && select.limitOption !== 'LIMIT_OPTION_WITH_TIES') {
    if (select.limitOffset !== undefined) return wrap(body, limit)
    return `${body.toString('utf8')} LIMIT ${limit}`
  }
  const constant = unwrap(count)
  if (select.limitOption !== 'LIMIT_OPTION_COUNT' || constant?.tag !== 'A_Const') return wrap(body, limit)
  const value = constantValue(constant.body)
  if (value !== undefined && value >= 0n && value <= BigInt(limit)) return undefined
  const at = typeof constant.body.location === 'number' ? constant.body.location - statement.start : -1
  const word = at >= 0 ? wordAt(body, at) : ''
  const replaceable = constant.body.isnull === true ? word.toUpperCase() === 'ALL' : /^[0-9]+$/.test(word)
  if (!replaceable) return wrap(body, limit)
  return Buffer.concat([
    body.subarray(0, at),
    Buffer.from(String(limit)),
    body.subarray(at + word.length),
  ]).toString('utf8')
}

/** Result-time enforcement of `rowLimit`: the first rows, and whether any were cut. */
export function truncateRows<T>(
  rows: readonly T[],
  rowLimit: number | undefined,
): { rows: readonly T[]; truncated: boolean } {
  if (rowLimit === undefined || rows.length <= rowLimit) return { rows, truncated: false }
  return { rows: rows.slice(0, rowLimit), truncated: true }
}

function wrap(body: Buffer, limit: number): string {
  return `SELECT * FROM (${body.toString('utf8')}) AS warden_limited LIMIT ${limit}`
}

// An integer constant's value (ival omits 0; large integers arrive as fval text), else undefined.
function constantValue(node: SqlNode): bigint | undefined {
  const ival = node.ival as { ival?: unknown } | undefined
  if (ival !== undefined) return typeof ival.ival === 'number' ? BigInt(ival.ival) : 0n
  const fval = (node.fval as { fval?: unknown } | undefined)?.fval
  return typeof fval === 'string' && /^[0-9]+$/.test(fval) ? BigInt(fval) : undefined
}

// The run of identifier or number characters that starts at a token location.
function wordAt(body: Buffer, at: number): string {
  let i = at
  while (i < body.length && isWordByte(body[i] ?? 0)) i++
  return body.subarray(at, i).toString('latin1')
}

function isWordByte(b: number): boolean {
  return (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b === 95
}

// Where the statement's last real token ends. A statement cut at `;` (or at the end of the input) may end
// in whitespace or comments; appending after a `--` comment would comment the LIMIT out. Comments can
// only start with `--` or `/*`, so without those bytes trimming whitespace is exact; with them, the
// PostgreSQL scanner finds the last token that is not a comment.
function codeEnd(bytes: Buffer, start: number, end: number): number {
  const region = bytes.subarray(start, end)
  if (region.includes('--') || region.includes('/*')) {
    const tokens = scanSync(region.toString('utf8')).tokens
    for (let i = tokens.length - 1; i >= 0; i--) {
      const token = tokens[i]
      if (token !== undefined && !COMMENT_TOKENS.has(token.tokenName)) return start + token.end
    }
    return start
  }
  let i = end
  while (i > start && isSpaceByte(bytes[i - 1] ?? 0)) i--
  return i
}

// PostgreSQL's whitespace: space, \t, \n, \r, \f, \v (not Unicode spaces, which are identifier bytes).
function isSpaceByte(b: number): boolean {
  return b === 32 || (b >= 9 && b <= 13)
}
