import { existsSync, readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { checkSql, compileDatabasePolicy } from './database-policy.js'
import { naiveReading } from './sql-oracle.case.js'
import { loadSqlParser } from './sql-parser.js'

// Development data (PayloadsAllTheThings SQL auth-bypass fragments), read in place, never copied.
const PAYLOADS = new URL('../../../../shared/eval/bypass/sql-auth-bypass.txt', import.meta.url)
const hasPayloads = existsSync(PAYLOADS)
if (!hasPayloads) console.warn(`skipping SQL auth-bypass payloads: ${PAYLOADS.pathname} is absent`)

const GRANTED = new Set(['orders', 'products', 'public.orders', 'public.products'])
const policy = compileDatabasePolicy(
  { tables: ['products', 'orders'], operations: ['SELECT'], rowLimit: 1000 },
  [],
)

/** The statements an application would build by pasting a fragment into its query text. */
function wrapped(fragment: string): string[] {
  return [
    `SELECT * FROM orders WHERE name = '${fragment}' AND password = '${fragment}'`,
    `SELECT * FROM orders WHERE name = "${fragment}"`,
    `SELECT * FROM orders WHERE id = ${fragment}`,
    `SELECT id FROM orders WHERE name = '${fragment}' LIMIT 5`,
    `SELECT * FROM orders WHERE (name = ('${fragment}'))`,
    `SELECT * FROM users WHERE name = '${fragment}'`,
    `UPDATE orders SET note = '${fragment}' WHERE id = 1`,
  ]
}

/**
 * What "never beyond the grant" means: an allowed statement, read naively after any rewrite, is one
 * SELECT over granted tables (or the LIMIT wrapper) with at most rowLimit rows, and calls no function the
 * allow-list lacks.
 */
function expectWithinGrant(sql: string): void {
  const result = checkSql(policy, sql)
  if (!result.allowed) return
  const ran = typeof result.args?.sql === 'string' ? result.args.sql : sql
  const reading = naiveReading(ran)
  expect(reading.statements, sql).toBe(1)
  expect(reading.kinds, sql).toEqual(['SelectStmt'])
  for (const relation of reading.relations)
    expect(GRANTED.has(relation), `${sql} reads ${relation}`).toBe(true)
  expect(checkSql(policy, ran), `${ran} is a fixpoint`).toEqual({
    allowed: true,
    facts: { 'sql.kind': expect.any(String) },
  })
}

beforeAll(async () => {
  await loadSqlParser()
})

describe.skipIf(!hasPayloads)('checkSql against SQL auth-bypass fragments', () => {
  const fragments = hasPayloads
    ? readFileSync(PAYLOADS, 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
    : []

  it('reads the payload list', () => {
    expect(fragments.length).toBeGreaterThan(100)
  })

  it('never allows a wrapped fragment beyond the grant', () => {
    let allowed = 0
    for (const fragment of fragments) {
      for (const sql of wrapped(fragment)) {
        expectWithinGrant(sql)
        if (checkSql(policy, sql).allowed) allowed++
      }
    }
    // Many fragments are just odd string literals: those stay plain reads of orders (and get the LIMIT).
    expect(allowed).toBeGreaterThan(0)
  })

  it('refuses every fragment pasted into a query of an ungranted table or into a write', () => {
    for (const fragment of fragments) {
      const [, , , , , users, update] = wrapped(fragment)
      expect(checkSql(policy, users ?? '').allowed, users).toBe(false)
      expect(checkSql(policy, update ?? '').allowed, update).toBe(false)
    }
  })

  it('refuses the UNION fragments once they reach for another table', () => {
    const unions = fragments.filter((f) => f.toUpperCase().includes('UNION ALL SELECT'))
    expect(unions.length).toBeGreaterThan(0)
    for (const fragment of unions) {
      const quote = fragment.trimStart().startsWith('"') || fragment.includes(' " ') ? '"' : "'"
      const sql = `SELECT name, password FROM orders WHERE name = ${quote}${fragment}${quote} FROM users`
      expect(checkSql(policy, sql).allowed, sql).toBe(false)
      expectWithinGrant(sql)
    }
  })
})
