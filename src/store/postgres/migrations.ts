import { POSTGRES_APPROVALS_SCHEMA } from '../../approvals/store/postgres-approval-store.js'

/**
 * PostgreSQL schema, one entry per version, applied in order on open (under an advisory lock, so two
 * gateways starting together migrate once). Triggers refuse UPDATE, DELETE and TRUNCATE on the audit
 * tables; the `warden_audit_writer` role has only SELECT and INSERT. Neither stops a superuser or the
 * table owner, who can drop triggers: the hashes and signed checkpoints catch what they do.
 */
export const POSTGRES_MIGRATIONS: readonly { readonly version: number; readonly sql: string }[] = [
  {
    version: 1,
    sql: `
CREATE TABLE audit_records (
  seq BIGINT PRIMARY KEY,
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
  id BIGSERIAL PRIMARY KEY,
  size BIGINT NOT NULL,
  root TEXT NOT NULL,
  time TEXT NOT NULL,
  signature TEXT NOT NULL,
  key_id TEXT NOT NULL
);
CREATE TABLE audit_retention (
  id BIGSERIAL PRIMARY KEY,
  up_to BIGINT NOT NULL,
  mark TEXT NOT NULL
);
CREATE FUNCTION warden_audit_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'audit_records' THEN
    IF OLD.seq < COALESCE((SELECT MAX(up_to) FROM audit_retention), 0) THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION 'warden: % on % refused: the audit log is append-only', TG_OP, TG_TABLE_NAME;
END $$;
CREATE TRIGGER audit_records_append_only BEFORE UPDATE OR DELETE ON audit_records
  FOR EACH ROW EXECUTE FUNCTION warden_audit_refuse();
CREATE TRIGGER audit_records_no_truncate BEFORE TRUNCATE ON audit_records
  FOR EACH STATEMENT EXECUTE FUNCTION warden_audit_refuse();
CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE ON audit_checkpoints
  FOR EACH ROW EXECUTE FUNCTION warden_audit_refuse();
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
  FOR EACH STATEMENT EXECUTE FUNCTION warden_audit_refuse();
CREATE TRIGGER audit_retention_append_only BEFORE UPDATE OR DELETE ON audit_retention
  FOR EACH ROW EXECUTE FUNCTION warden_audit_refuse();
CREATE TRIGGER audit_retention_no_truncate BEFORE TRUNCATE ON audit_retention
  FOR EACH STATEMENT EXECUTE FUNCTION warden_audit_refuse();
DO $$
BEGIN
  BEGIN
    CREATE ROLE warden_audit_writer NOLOGIN;
  EXCEPTION WHEN duplicate_object OR unique_violation OR insufficient_privilege THEN NULL;
  END;
  BEGIN
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO warden_audit_writer', current_schema());
    GRANT SELECT, INSERT ON audit_records, audit_checkpoints, audit_retention TO warden_audit_writer;
    GRANT USAGE ON SEQUENCE audit_checkpoints_id_seq, audit_retention_id_seq TO warden_audit_writer;
  EXCEPTION WHEN undefined_object OR insufficient_privilege THEN NULL;
  END;
END $$;
`,
  },
  // Approval requests (src/approvals): pending ones survive a restart.
  { version: 2, sql: POSTGRES_APPROVALS_SCHEMA },
  // Kill-switch events and incidents (src/killswitch): a restart keeps a pause, and every instance sharing
  // the database reads what the others and the CLI saved. `body` is the event exactly as issued (TEXT, not
  // JSONB, so nothing is re-ordered or normalised).
  {
    version: 3,
    sql: `
CREATE TABLE killswitch_events (
  id TEXT PRIMARY KEY,
  at BIGINT NOT NULL,
  kind TEXT NOT NULL,
  agent_id TEXT,
  body TEXT NOT NULL
);
CREATE TABLE incidents (
  seq BIGSERIAL PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  at BIGINT NOT NULL,
  kind TEXT NOT NULL,
  agent_id TEXT,
  body TEXT NOT NULL
);
CREATE INDEX incidents_at ON incidents (at);
CREATE INDEX incidents_agent ON incidents (agent_id, at);
CREATE FUNCTION warden_killswitch_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'warden: % on % refused: kill-switch events are append-only', TG_OP, TG_TABLE_NAME;
END $$;
CREATE TRIGGER killswitch_events_append_only BEFORE UPDATE OR DELETE ON killswitch_events
  FOR EACH ROW EXECUTE FUNCTION warden_killswitch_refuse();
CREATE TRIGGER killswitch_events_no_truncate BEFORE TRUNCATE ON killswitch_events
  FOR EACH STATEMENT EXECUTE FUNCTION warden_killswitch_refuse();
`,
  },
  // Merkle frontiers kept beside checkpoints (src/audit/leaf-cursor.ts): a log opened again starts from the
  // newest one its key signed instead of reading every record. A cache, append-only like the rest.
  {
    version: 4,
    sql: `
CREATE TABLE audit_frontiers (
  size BIGINT PRIMARY KEY,
  hashes TEXT NOT NULL
);
CREATE TRIGGER audit_frontiers_append_only BEFORE UPDATE OR DELETE ON audit_frontiers
  FOR EACH ROW EXECUTE FUNCTION warden_audit_refuse();
CREATE TRIGGER audit_frontiers_no_truncate BEFORE TRUNCATE ON audit_frontiers
  FOR EACH STATEMENT EXECUTE FUNCTION warden_audit_refuse();
DO $$
BEGIN
  GRANT SELECT, INSERT ON audit_frontiers TO warden_audit_writer;
EXCEPTION WHEN undefined_object OR insufficient_privilege THEN NULL;
END $$;
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
