/**
 * The SQLite side of db.query, run in a child process: better-sqlite3 is synchronous and exposes neither
 * sqlite3_interrupt nor a progress handler, so a runaway statement can only be stopped by killing what
 * runs it. A thread cannot be killed mid-statement (it would keep the CPU and the write lock until the
 * statement ends); a process can, and SQLite's journal discards the uncommitted transaction. Plain
 * JavaScript (`node -e`), so it runs the same from src/ under tsx and from dist/.
 */
export const SQLITE_WORKER_SOURCE = `
const workerData = JSON.parse(process.env.WARDEN_SQLITE_WORKER)
const Database = require(workerData.driver)
const rw = new Database(workerData.path, { fileMustExist: true })
rw.pragma('busy_timeout = 2000')
const ro = new Database(workerData.path, { readonly: true, fileMustExist: true })
ro.pragma('busy_timeout = 2000')

function fail(code, message) {
  const error = new Error(message)
  error.code = code
  return error
}

function bindable(params) {
  const named = {}
  params.forEach((value, i) => {
    named[i + 1] = typeof value === 'boolean' ? (value ? 1 : 0)
      : value !== null && typeof value === 'object' && !(value instanceof Uint8Array) ? JSON.stringify(value)
      : value
  })
  return named
}

function run(stmt, params, maxRows) {
  const args = params.length === 0 ? [] : [bindable(params)]
  if (!stmt.reader) return { columns: [], rows: [], rowCount: stmt.run(...args).changes }
  const columns = stmt.columns().map((c) => c.name)
  const rows = []
  for (const row of stmt.raw(true).iterate(...args)) {
    rows.push(row)
    if (rows.length >= maxRows) break
  }
  return { columns, rows, rowCount: rows.length }
}

function primaryKey(table, name) {
  const dot = name.indexOf('.')
  const schema = dot < 0 ? 'main' : name.slice(0, dot)
  const bare = dot < 0 ? name : name.slice(dot + 1)
  const info = rw.prepare('SELECT name, pk FROM pragma_table_info(?, ?) WHERE pk > 0 ORDER BY pk').all(bare, schema)
  return info.map((c) => c.name)
}

function images(request) {
  const query = request.beforeImage
  const key = primaryKey(query.table, query.name)
  if (key.length === 0) return { table: query.table, unavailable: query.name + ' has no primary key' }
  const stmt = rw.prepare(query.select).raw(true).safeIntegers(true)
  const columns = stmt.columns().map((c) => c.name)
  const keyAt = key.map((k) => columns.indexOf(k))
  const args = request.params.length === 0 ? [] : [bindable(request.params)]
  const seen = new Set()
  const rows = []
  for (const row of stmt.iterate(...args)) {
    const id = JSON.stringify(keyAt.map((i) => String(row[i])))
    if (seen.has(id)) continue
    seen.add(id)
    rows.push(row)
    if (rows.length > request.maxImageRows) {
      return { table: query.table, unavailable: 'more than ' + request.maxImageRows + ' rows change' }
    }
  }
  return { table: query.table, key, columns, rows }
}

function execute(request) {
  if (request.readOnly) {
    const stmt = ro.prepare(request.sql)
    // sqlite3_stmt_readonly: the engine's own verdict, whatever the parser upstream believed.
    if (!stmt.readonly) throw fail('TOOL_DB_READ_ONLY', 'the grant is read-only and this statement writes')
    return run(stmt, request.params, request.maxRows)
  }
  rw.exec('BEGIN IMMEDIATE')
  try {
    let before
    if (request.beforeImage !== undefined) {
      try {
        before = images(request)
      } catch (error) {
        before = { table: request.beforeImage.table, unavailable: 'cannot read before-images: ' + error.message }
      }
    }
    const stmt = rw.prepare(request.sql)
    const result = run(stmt, request.params, request.maxRows)
    // RETURNING rows are cut at the row limit; the rows changed are what changes() counts.
    if (stmt.reader) result.rowCount = rw.prepare('SELECT changes() AS n').get().n
    rw.exec(request.dryRun ? 'ROLLBACK' : 'COMMIT')
    return before === undefined ? result : { ...result, images: before }
  } catch (error) {
    if (rw.inTransaction) rw.exec('ROLLBACK')
    throw error
  }
}

function restore(images) {
  const stmt = rw.prepare(images.sql)
  let restored = 0
  rw.transaction(() => {
    for (const row of images.rows) restored += stmt.run(row).changes
  })()
  return restored
}

process.on('disconnect', () => process.exit(0))
process.on('message', (message) => {
  try {
    const value = message.op === 'restore' ? restore(message.images) : execute(message.request)
    process.send({ id: message.id, ok: true, value })
  } catch (error) {
    process.send({ id: message.id, ok: false, code: error.code, message: String(error.message) })
  }
})
`
