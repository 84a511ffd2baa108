import pg from 'pg'
import { WardenError } from '../../errors/warden-error.js'
import { decodeValue, encodeValue } from '../snapshots/row-codec.js'
import {
  type ExecuteRequest,
  type ExecuteResult,
  type RowImages,
  type SqlDatabase,
  SqlFailure,
  upsertSql,
} from './sql-database.js'

// Before-images keep every column as PostgreSQL's own text form: written back through an untyped
// parameter, the server parses it into the column's type, so numerics, timestamps and bytea return exact.
const RAW_TEXT = { getTypeParser: () => (value: string) => value }

const PK_COLUMNS = `SELECT a.attname FROM pg_index i
  JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
  WHERE i.indrelid = $1::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)`

/**
 * A governed PostgreSQL database: each statement in its own transaction, READ ONLY when the grant is,
 * with `SET LOCAL statement_timeout`; dry-runs roll back. `?schema=NAME` in the URL sets the search_path.
 *
 * @example const db = openPostgresDatabase('postgres://app@db/shop')
 */
export function openPostgresDatabase(url: string): SqlDatabase {
  const parsed = new URL(url)
  const schema = parsed.searchParams.get('schema') ?? undefined
  parsed.searchParams.delete('schema')
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new WardenError(
      'TOOL_DB_UNAVAILABLE',
      `schema ${JSON.stringify(schema)}: lower-case letters, digits and _`,
    )
  }
  const pool = new pg.Pool({
    connectionString: parsed.toString(),
    max: 4,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  })
  pool.on('error', () => undefined)

  const transaction = async <T>(
    readOnly: boolean,
    timeoutMs: number,
    signal: AbortSignal | undefined,
    work: (c: pg.PoolClient) => Promise<{ value: T; commit: boolean }>,
  ): Promise<T> => {
    const client = await pool.connect().catch((error: Error) => {
      throw new SqlFailure('TOOL_DB_UNAVAILABLE', `cannot reach PostgreSQL: ${error.message}`)
    })
    const onAbort = () => void cancel(client)
    signal?.addEventListener('abort', onAbort, { once: true })
    let broken = false
    try {
      await client.query(readOnly ? 'BEGIN READ ONLY' : 'BEGIN')
      await client.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.floor(timeoutMs))}`)
      const { value, commit } = await work(client)
      await client.query(commit ? 'COMMIT' : 'ROLLBACK')
      return value
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {
        broken = true
      })
      throw toFailure(error, signal)
    } finally {
      signal?.removeEventListener('abort', onAbort)
      client.release(broken)
    }
  }

  const cancel = async (client: pg.PoolClient) => {
    const pid = (client as unknown as { processID?: number }).processID
    if (pid !== undefined) await pool.query('SELECT pg_cancel_backend($1)', [pid]).catch(() => undefined)
  }

  return {
    engine: 'postgres',
    execute(request: ExecuteRequest): Promise<ExecuteResult> {
      return transaction(request.readOnly, request.timeoutMs, request.signal, async (client) => {
        const images = request.beforeImage === undefined ? undefined : await readImages(client, request)
        const result = await client.query({
          text: request.sql,
          values: [...request.params],
          rowMode: 'array',
        })
        const rows = (result.rows as unknown[][]).slice(0, request.maxRows)
        const columns = result.fields.map((f) => f.name)
        const rowCount = result.command === 'SELECT' ? rows.length : (result.rowCount ?? 0)
        const value: ExecuteResult = { columns, rows, rowCount, ...(images === undefined ? {} : { images }) }
        return { value, commit: !request.dryRun && !request.readOnly }
      })
    },
    restoreRows(images: RowImages): Promise<number> {
      return transaction(false, 60_000, undefined, async (client) => {
        let restored = 0
        const sql = upsertSql(images, (i) => `$${i}`)
        for (const row of images.rows)
          restored += (await client.query(sql, row.map(decodeValue))).rowCount ?? 0
        return { value: restored, commit: true }
      })
    },
    close: () => pool.end(),
  }
}

async function readImages(client: pg.PoolClient, request: ExecuteRequest): Promise<ExecuteResult['images']> {
  const query = request.beforeImage
  if (query === undefined) return undefined
  const key = (await client.query<{ attname: string }>(PK_COLUMNS, [query.table])).rows.map((r) => r.attname)
  if (key.length === 0) return { table: query.table, unavailable: `${query.name} has no primary key` }
  let result: pg.QueryResult
  await client.query('SAVEPOINT warden_images')
  try {
    result = await client.query({
      text: query.select,
      values: [...request.params],
      rowMode: 'array',
      types: RAW_TEXT,
    })
  } catch (error) {
    // The SELECT cut from the write may not type-check alone (a parameter used only in SET): the write
    // still runs, without a rollback snapshot, and says so.
    await client.query('ROLLBACK TO SAVEPOINT warden_images')
    return { table: query.table, unavailable: `cannot read before-images: ${(error as Error).message}` }
  }
  await client.query('RELEASE SAVEPOINT warden_images')
  const columns = result.fields.map((f) => f.name)
  const keyAt = key.map((k) => columns.indexOf(k))
  const seen = new Set<string>()
  const rows: unknown[][] = []
  for (const row of result.rows as unknown[][]) {
    const id = JSON.stringify(keyAt.map((i) => row[i]))
    if (seen.has(id)) continue
    seen.add(id)
    rows.push(row)
  }
  if (rows.length > request.maxImageRows) {
    return { table: query.table, unavailable: `more than ${request.maxImageRows} rows change` }
  }
  return { table: query.table, key, columns, rows: rows.map((row) => row.map(encodeValue)) }
}

function toFailure(error: unknown, signal: AbortSignal | undefined): Error {
  if (error instanceof SqlFailure) return error
  const code = (error as { code?: string }).code
  const message = error instanceof Error ? error.message : String(error)
  if (code === '57014') {
    return signal?.aborted === true
      ? new SqlFailure('TOOL_CANCELLED', 'the call was cancelled')
      : new SqlFailure(
          'TOOL_DB_TIMEOUT',
          `the statement ran past the statement timeout and was cancelled (${message})`,
        )
  }
  if (code === '25006')
    return new SqlFailure(
      'TOOL_DB_READ_ONLY',
      `the grant is read-only and this statement writes (${message})`,
    )
  return new SqlFailure('TOOL_DB_ERROR', message)
}
