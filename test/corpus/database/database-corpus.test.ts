import { readFileSync } from 'node:fs'
import { parseSync } from 'libpg-query'
import { beforeAll, describe, expect, it } from 'vitest'
import { databasePermissionsSchema } from '../../../src/config/schema.js'
import { isKnownCode } from '../../../src/errors/catalog.js'
import {
  checkSql,
  compileDatabasePolicy,
  loadSqlParser,
} from '../../../src/policy/database/database-policy.js'

// test/corpus/database/cases.jsonl (the team's uniform corpus format) run against the library directly;
// test/corpus/corpus.test.ts runs the same cases through the whole engine and the CLI.
interface DatabaseCase {
  readonly name: string
  readonly permissions: { readonly database: unknown }
  readonly tool: string
  readonly args: { readonly sql: unknown }
  readonly expect: 'allow' | 'deny'
  readonly code?: string
  readonly rewrittenSql?: string
}

const file = new URL('./cases.jsonl', import.meta.url)
const cases = readFileSync(file, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line, i) => ({ line: i + 1, ...(JSON.parse(line) as DatabaseCase) }))

beforeAll(async () => {
  await loadSqlParser()
})

describe('database corpus', () => {
  it('has at least 100 well-formed cases, both allowed and denied', () => {
    expect(cases.length).toBeGreaterThanOrEqual(100)
    expect(cases.filter((c) => c.expect === 'allow').length).toBeGreaterThan(30)
    expect(cases.filter((c) => c.expect === 'deny').length).toBeGreaterThan(30)
    const optional = ['code', 'rewrittenSql']
    for (const c of cases) {
      const keys = [
        'args',
        'expect',
        'line',
        'name',
        'permissions',
        'tool',
        ...optional.filter((k) => k in c),
      ]
      expect(Object.keys(c).sort(), `line ${c.line}`).toEqual(keys.sort())
      expect(c.tool, `line ${c.line}`).toBe('db.query')
      expect(Object.keys(c.permissions), `line ${c.line}`).toEqual(['database'])
      expect(typeof c.args.sql, `line ${c.line}`).toBe('string')
      if (c.code !== undefined) expect(isKnownCode(c.code), `line ${c.line} ${c.code}`).toBe(true)
      if (c.expect === 'deny') expect(c.code, `line ${c.line}: a deny names its code`).toBeDefined()
      if (c.rewrittenSql !== undefined)
        expect(c.code, `line ${c.line}`).toMatch(/^SQL_(ROW_LIMIT_APPLIED|NORMALIZED)$/)
    }
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length)
  })

  it('decides every case as expected, with the expected code and rewrite', () => {
    const wrong: string[] = []
    for (const c of cases) {
      const perms = databasePermissionsSchema.parse(c.permissions.database)
      const policy = compileDatabasePolicy(perms, ['agents', `line${c.line}`, 'permissions', 'database'])
      const result = checkSql(policy, c.args.sql)
      const got = result.allowed ? 'allow' : 'deny'
      const rewritten = result.allowed ? result.args?.sql : undefined
      if (got !== c.expect)
        wrong.push(`line ${c.line} ${c.name}: expected ${c.expect}, got ${JSON.stringify(result)}`)
      else if (c.code !== result.code)
        wrong.push(`line ${c.line} ${c.name}: expected ${c.code}, got ${result.code}`)
      else if (rewritten !== c.rewrittenSql) {
        wrong.push(`line ${c.line} ${c.name}: expected rewrite ${c.rewrittenSql}, got ${String(rewritten)}`)
      }
    }
    expect(wrong).toEqual([])
  })

  it('rewrites into exactly one valid statement', () => {
    for (const c of cases.filter((k) => k.rewrittenSql !== undefined)) {
      expect(parseSync(c.rewrittenSql ?? '').stmts, c.name).toHaveLength(1)
    }
  })
})
