import { SQLITE_APPROVALS_SCHEMA } from '../../approvals/store/sqlite-approval-store.js'

/**
 * SQLite schema, one entry per version, applied in order on open. Never edit a released entry: add one.
 * The triggers make the audit tables append-only for anyone who goes through SQLite; they do not stop
 * someone who edits the file or drops the triggers, which is what the hashes and signatures are for.
 */
export const SQLITE_MIGRATIONS: readonly { readonly version: number; readonly sql: string }[] = [
  {
    version: 1,
    sql: `
CREATE TABLE audit_records (
  seq INTEGER PRIMARY KEY,
  body TEXT NOT NULL,
  leaf_hash TEXT NOT NULL,
  ts TEXT NOT NULL,
  agent_id TEXT NOT NULL,
  session_id TEXT,
  action TEXT NOT NULL,
  decision TEXT NOT NULL,
  risk TEXT NOT NULL,
  phase TEXT NOT NULL,
  action_id TEXT NOT NULL
);
CREATE INDEX audit_records_agent ON audit_records (agent_id, ts);
CREATE INDEX audit_records_session ON audit_records (session_id);
CREATE INDEX audit_records_ts ON audit_records (ts);
CREATE INDEX audit_records_action_id ON audit_records (action_id);
CREATE TABLE audit_checkpoints (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  size INTEGER NOT NULL,
  root TEXT NOT NULL,
  time TEXT NOT NULL,
  signature TEXT NOT NULL,
  key_id TEXT NOT NULL
);
CREATE TABLE audit_retention (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  up_to INTEGER NOT NULL,
  mark TEXT NOT NULL
);
CREATE TRIGGER audit_records_no_update BEFORE UPDATE ON audit_records
BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
CREATE TRIGGER audit_records_no_delete BEFORE DELETE ON audit_records
WHEN OLD.seq >= COALESCE((SELECT MAX(up_to) FROM audit_retention), 0)
BEGIN SELECT RAISE(ABORT, 'audit records are removed only as sealed retention segments'); END;
CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END;
CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END;
CREATE TRIGGER audit_retention_no_update BEFORE UPDATE ON audit_retention
BEGIN SELECT RAISE(ABORT, 'retention marks are append-only'); END;
CREATE TRIGGER audit_retention_no_delete BEFORE DELETE ON audit_retention
BEGIN SELECT RAISE(ABORT, 'retention marks are append-only'); END;
`,
  },
  // Approval requests (src/approvals): pending ones survive a restart.
  { version: 2, sql: SQLITE_APPROVALS_SCHEMA },
  // Kill-switch events and incidents (src/killswitch): a restart keeps a pause, and every instance on the
  // file reads what the others and the CLI saved. `body` is the event exactly as issued.
  {
    version: 3,
    sql: `
CREATE TABLE killswitch_events (
  id TEXT PRIMARY KEY,
  at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  agent_id TEXT,
  body TEXT NOT NULL
);
CREATE TABLE incidents (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  agent_id TEXT,
  body TEXT NOT NULL
);
CREATE INDEX incidents_at ON incidents (at);
CREATE INDEX incidents_agent ON incidents (agent_id, at);
CREATE TRIGGER killswitch_events_no_update BEFORE UPDATE ON killswitch_events
BEGIN SELECT RAISE(ABORT, 'kill-switch events are append-only'); END;
CREATE TRIGGER killswitch_events_no_delete BEFORE DELETE ON killswitch_events
BEGIN SELECT RAISE(ABORT, 'kill-switch events are append-only'); END;
`,
  },
  // Merkle frontiers kept beside checkpoints (src/audit/leaf-cursor.ts): a log opened again starts from the
  // newest one its key signed instead of reading every record. A cache, append-only like the rest.
  {
    version: 4,
    sql: `
CREATE TABLE audit_frontiers (
  size INTEGER PRIMARY KEY,
  hashes TEXT NOT NULL
);
CREATE TRIGGER audit_frontiers_no_update BEFORE UPDATE ON audit_frontiers
BEGIN SELECT RAISE(ABORT, 'audit frontiers are append-only'); END;
CREATE TRIGGER audit_frontiers_no_delete BEFORE DELETE ON audit_frontiers
BEGIN SELECT RAISE(ABORT, 'audit frontiers are append-only'); END;
`,
  },
  // The kill switch's resync asks for the count and newest time of its events every 10 s
  // (src/killswitch/kill-switch.ts): an index on `at` answers both without reading the table. The weekly
  // report lists the approvals created in its window (ApprovalFilter sinceMs/untilMs).
  {
    version: 5,
    sql: `
CREATE INDEX killswitch_events_at ON killswitch_events (at);
CREATE INDEX IF NOT EXISTS approval_requests_created ON approval_requests (created_at);
`,
  },
]
