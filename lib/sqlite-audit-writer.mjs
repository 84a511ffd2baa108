/**
 * The SQLite audit writer thread (started by src/store/sqlite/audit-writer-thread.ts). Plain ESM
 * JavaScript so that Node loads it as is from src (vitest, tsx) and from dist.
 *
 * It holds its own connection to the store file, so the fsync of each audit commit blocks this thread,
 * not the gateway's event loop. The main thread builds the rows from the tail it believes current; here,
 * under the write lock (BEGIN IMMEDIATE), the real tail is read again and the rows go in only if it is
 * that tail. Otherwise (another process or handle appended meanwhile) nothing is written and the real
 * tail goes back, for the main thread to rebuild the rows from.
 *
 * In:  {kind: 'append', id, assumed: {size, lastHash}, rows: unknown[][]} | {kind: 'close'}
 * Out: {id, kind: 'committed'} | {id, kind: 'moved', tail} | {id, kind: 'failed', message, code}
 */
import { parentPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'

const { path, pragmas, sql } = workerData
const db = new Database(path)
for (const pragma of pragmas) db.pragma(pragma)
const insert = db.prepare(sql.insertRow)
const lastRow = db.prepare(sql.lastRow)
const lastMark = db.prepare(sql.lastMark)

/** Same logic as SqliteAuditStore's readTail: the last row, else the newest retention mark. */
function readTail() {
  const last = lastRow.get()
  if (last !== undefined) return { size: last.seq + 1, lastHash: last.leaf_hash }
  const row = lastMark.get()
  if (row === undefined) return { size: 0, lastHash: null }
  const mark = JSON.parse(row.mark)
  return { size: mark.upTo, lastHash: mark.lastHash }
}

function append(assumed, rows) {
  try {
    db.exec('BEGIN IMMEDIATE')
    const tail = readTail()
    if (tail.size !== assumed.size || tail.lastHash !== assumed.lastHash) {
      db.exec('ROLLBACK')
      return { kind: 'moved', tail }
    }
    for (const values of rows) insert.run(...values)
    db.exec('COMMIT')
    return { kind: 'committed' }
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK')
    return { kind: 'failed', message: String(error?.message ?? error), code: error?.code }
  }
}

parentPort.on('message', (message) => {
  if (message.kind === 'close') {
    db.close()
    parentPort.close()
    return
  }
  parentPort.postMessage({ id: message.id, ...append(message.assumed, message.rows) })
})
