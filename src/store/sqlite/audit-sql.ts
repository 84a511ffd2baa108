/**
 * The connection settings and audit statements shared by the main-thread connection and the audit
 * writer thread (lib/sqlite-audit-writer.mjs receives them as workerData, so both run the same SQL).
 */

/** WAL with synchronous=FULL: a commit that returned is on disk. busy_timeout lets writers queue for the lock. */
export const SQLITE_PRAGMAS: readonly string[] = [
  'journal_mode = WAL',
  'synchronous = FULL',
  'busy_timeout = 5000',
]

/** Bound in the order of `auditRowValues`. */
export const INSERT_AUDIT_ROW = `INSERT INTO audit_records (seq, body, leaf_hash, ts, agent_id, session_id, action, decision, risk, phase, action_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

/** With LAST_RETENTION_MARK, what the tail is: the last row, else the newest mark (an emptied log). */
export const LAST_AUDIT_ROW = 'SELECT seq, leaf_hash FROM audit_records ORDER BY seq DESC LIMIT 1'

export const LAST_RETENTION_MARK = 'SELECT mark FROM audit_retention ORDER BY id DESC LIMIT 1'
