import Database from 'better-sqlite3'
import { parseSync } from 'libpg-query'
import { beforeAll, describe, expect, it } from 'vitest'
import { checkSql, compileDatabasePolicy } from './database-policy.js'
import { loadSqlParser } from './sql-parser.js'

const policy = () => compileDatabasePolicy({ tables: ['orders'], operations: ['SELECT'] }, [])

/** The SQL that runs after the check: the rewrite, or the input as written. */
function runs(sql: string): string {
  const result = checkSql(policy(), sql)
  if (!result.allowed) throw new Error(`denied ${sql}: ${result.code}`)
  return typeof result.args?.sql === 'string' ? result.args.sql : sql
}

beforeAll(async () => {
  await loadSqlParser()
})

describe('portable restatement', () => {
  it('stops a nested comment from hiding a UNION that SQLite would run', () => {
    const attack = 'SELECT id FROM orders /* /* */ UNION SELECT secret FROM users -- */'
    const db = new Database(':memory:')
    db.exec(
      "CREATE TABLE orders (id INTEGER); CREATE TABLE users (secret TEXT); INSERT INTO users VALUES ('hunter2')",
    )
    // The attack is real: SQLite ends the comment at the first */ and reads users.
    expect(db.prepare(attack).all()).toEqual([{ id: 'hunter2' }])
    expect(checkSql(policy(), attack)).toMatchObject({ allowed: true, code: 'SQL_NORMALIZED' })
    expect(runs(attack)).toBe('SELECT id FROM orders')
    expect(db.prepare(runs(attack)).all()).toEqual([])
    db.close()
  })

  it('drops a comment after the statement that SQLite would read as a second statement', () => {
    const attack = 'SELECT id FROM orders; /* /* */ DROP TABLE users; -- */'
    const db = new Database(':memory:')
    db.exec('CREATE TABLE orders (id INTEGER); CREATE TABLE users (secret TEXT)')
    db.exec(attack)
    // The attack is real: SQLite ran the DROP hidden in what PostgreSQL reads as one comment.
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'users'").get()).toEqual({ n: 0 })
    expect(runs(attack)).toBe('SELECT id FROM orders')
    db.close()
  })

  it('removes every comment, keeping tokens apart', () => {
    expect(runs('SELECT/*x*/id FROM orders -- tail')).toBe('SELECT id FROM orders')
    expect(runs('SELECT id -- a\nFROM orders; -- b')).toBe('SELECT id  \nFROM orders')
    expect(runs('/* lead */ SELECT id FROM orders')).toBe('SELECT id FROM orders')
    // PostgreSQL reads one nested comment; SQLite would run the DELETE between its two comments.
    expect(runs('/* /* */ DELETE FROM users; /* */ */ SELECT id FROM orders')).toBe('SELECT id FROM orders')
  })

  it("restates E'' and dollar-quoted strings as standard literals with the same value", () => {
    for (const [sql, out] of [
      ["SELECT id FROM orders WHERE note = E'a\\'b'", "SELECT id FROM orders WHERE note = 'a''b'"],
      ["SELECT id FROM orders WHERE note = E'x\\\\y'", "SELECT id FROM orders WHERE note = 'x\\y'"],
      [
        "SELECT id FROM orders WHERE note = $$it's; -- not a comment$$",
        "SELECT id FROM orders WHERE note = 'it''s; -- not a comment'",
      ],
      ['SELECT id FROM orders WHERE note = $q$a$$b$q$', "SELECT id FROM orders WHERE note = 'a$$b'"],
      [
        'SELECT id FROM orders WHERE created > now() - interval $$7 days$$',
        "SELECT id FROM orders WHERE created > now() - interval '7 days'",
      ],
    ] as const) {
      expect(runs(sql)).toBe(out)
      const before = JSON.stringify(parseSync(sql).stmts?.[0]?.stmt).replaceAll(/"location":\d+/g, '')
      const after = JSON.stringify(parseSync(out).stmts?.[0]?.stmt).replaceAll(/"location":\d+/g, '')
      expect(after, sql).toBe(before)
    }
  })

  it('leaves plain statements, parameters and standard strings exactly as written', () => {
    for (const sql of [
      'SELECT id FROM orders WHERE id = $1',
      "SELECT id FROM orders WHERE note = 'a\\b'",
      "SELECT id FROM orders WHERE note = 'it''s';",
    ]) {
      expect(checkSql(policy(), sql)).toEqual({ allowed: true, facts: { 'sql.kind': expect.any(String) } })
    }
  })

  it('refuses a dollar-quoted string it cannot restate', () => {
    expect(checkSql(policy(), 'EXPLAIN (FORMAT $$json$$) SELECT id FROM orders')).toMatchObject({
      allowed: false,
      code: 'SQL_PARSE_ERROR',
    })
  })

  it('refuses a lone surrogate, which encoders turn into different bytes', () => {
    for (const sql of [
      "SELECT id FROM orders WHERE note = '\uD800' LIMIT 1",
      "SELECT id FROM orders WHERE note = '\uDC00x'",
    ]) {
      expect(checkSql(policy(), sql)).toMatchObject({ allowed: false, code: 'SQL_PARSE_ERROR' })
    }
    expect(checkSql(policy(), "SELECT id FROM orders WHERE note = '😀'")).toEqual({
      allowed: true,
      facts: { 'sql.kind': expect.any(String) },
    })
  })

  it('refuses a NUL byte, which the parser and a driver would read differently', () => {
    expect(checkSql(policy(), 'SELECT id FROM orders\0 UNION SELECT secret FROM users')).toMatchObject({
      allowed: false,
      code: 'SQL_PARSE_ERROR',
    })
  })
})
