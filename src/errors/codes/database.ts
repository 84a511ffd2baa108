import type { CatalogArea } from '../entry.js'

/** Codes of the `database` boundary (db.query), ruled on with the real PostgreSQL parser. */
export const databaseCodes: CatalogArea = {
  SQL_PARSE_ERROR: {
    kind: 'decision',
    meaning:
      'The `sql` argument is missing, not a string, or not valid PostgreSQL; nothing that does not parse is run.',
    fix: 'Send one valid PostgreSQL statement as a string in `sql` (values go in `params` as $1, $2, ...).',
  },
  SQL_EMPTY: {
    kind: 'decision',
    meaning: 'The SQL holds no statement: only whitespace, comments or semicolons.',
    fix: 'Send the statement to run.',
  },
  SQL_MULTIPLE_STATEMENTS: {
    kind: 'decision',
    meaning:
      'The SQL holds more than one statement. db.query runs exactly one, so `COMMIT; DROP SCHEMA ...` cannot escape a read-only grant.',
    fix: 'Send each statement as its own db.query call.',
  },
  SQL_OPERATION_NOT_ALLOWED: {
    kind: 'decision',
    meaning:
      'The statement kind (SELECT, INSERT, UPDATE, DELETE, MERGE, TRUNCATE) is not in the grant, or the statement does a write the grant lacks: a data-modifying WITH, a MERGE action, FOR UPDATE, ON CONFLICT DO UPDATE, SELECT INTO, TRUNCATE CASCADE.',
    fix: 'Use a granted kind, or add the operation under agents.<id>.permissions.database.operations if the agent should have it.',
  },
  SQL_READ_ONLY_VIOLATION: {
    kind: 'decision',
    meaning:
      'The grant is read-only (no write operation) and the statement would write or lock: a data-modifying WITH, SELECT INTO, FOR UPDATE/SHARE, EXPLAIN ANALYZE of a write.',
    fix: 'Send a plain query; writes need a grant that lists them under operations.',
  },
  SQL_UTILITY_NOT_ALLOWED: {
    kind: 'decision',
    meaning:
      'The statement is a utility or schema command (SET, SHOW, COPY, DO, CALL, PREPARE, EXECUTE, LISTEN, VACUUM, BEGIN/COMMIT, CREATE, ALTER, DROP, ...). db.query never runs these, whatever the grant.',
    fix: 'Run schema changes and administration outside the agent (migrations); send only queries and data changes.',
  },
  SQL_TABLE_NOT_ALLOWED: {
    kind: 'decision',
    meaning:
      'The statement reads or writes a table the grant does not name, anywhere in it: joins, subqueries, set operations, LATERAL, CTE bodies. Quoted names are exact ("Products" is not products).',
    fix: 'Query only the tables under permissions.database.tables, or add the table there if the agent should reach it.',
  },
  SQL_SCHEMA_NOT_ALLOWED: {
    kind: 'decision',
    meaning:
      'The statement names a table in a schema the grant does not name (unqualified and public.x mean public), or in another database.',
    fix: 'Use unqualified names for public tables, or grant the table as schema.table.',
  },
  SQL_SYSTEM_CATALOG: {
    kind: 'decision',
    meaning:
      "The statement reads a system catalog (pg_catalog, pg_* relations, information_schema) or looks names up through a reg* cast such as 'pg_authid'::regclass.",
    fix: 'Catalogs are never readable through db.query; ask an operator for the information.',
  },
  SQL_FUNCTION_NOT_ALLOWED: {
    kind: 'decision',
    meaning:
      'The statement calls a function, operator, type or value keyword outside the safe built-in list (pg_read_file, dblink, lo_import, set_config, pg_sleep, current_setting, current_user, ...).',
    fix: 'Use the built-ins, or add a harmless function under permissions.database.functions (dangerous families are never grantable).',
  },
  SQL_ROW_LIMIT_APPLIED: {
    kind: 'decision',
    meaning:
      "The query was allowed with its LIMIT added or lowered to the grant's rowLimit (a rewrite); results are cut to rowLimit again when it runs.",
    fix: 'Nothing to do; page with ORDER BY and OFFSET, or raise rowLimit in the grant.',
  },
  SQL_NORMALIZED: {
    kind: 'decision',
    meaning:
      "The statement was allowed and restated (a rewrite): comments removed, E'...' and dollar-quoted strings turned into standard '...' literals, the trailing ; dropped. PostgreSQL nests /* */ comments and reads backslash escapes; SQLite does not, so the original text could read differently in the engine that runs it.",
    fix: 'Nothing to do; send queries without comments to have them run exactly as written.',
  },
  SQL_TOO_LARGE: {
    kind: 'decision',
    meaning: 'The SQL is longer than 100,000 characters or nested too deeply to check.',
    fix: 'Send a shorter statement.',
  },
  SQL_PARSER_NOT_LOADED: {
    kind: 'failure',
    meaning: 'checkSql ran before the PostgreSQL parser (WebAssembly) was loaded; the action is denied.',
    fix: 'Call `await loadSqlParser()` once at start-up, before evaluating actions.',
  },
}
