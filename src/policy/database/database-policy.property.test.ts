import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { isKnownCode } from '../../errors/catalog.js'
import { checkSql, compileDatabasePolicy } from './database-policy.js'
import { GRANTABLE, generatedRead, sqlSoup } from './sql-generators.case.js'
import { naiveReading } from './sql-oracle.case.js'
import { loadSqlParser } from './sql-parser.js'

beforeAll(async () => {
  await loadSqlParser()
})

const seed = compileDatabasePolicy(
  { tables: ['products', 'orders'], operations: ['SELECT'], rowLimit: 1000 },
  [],
)

describe('checkSql properties', () => {
  it('never throws and answers with catalogued codes on any string', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), sqlSoup),
        (sql) => {
          const result = checkSql(seed, sql)
          if (result.code !== undefined) expect(isKnownCode(result.code)).toBe(true)
        },
      ),
      { numRuns: 3000 },
    )
  })

  it('allows only one SELECT over granted tables, whatever the soup of words', () => {
    fc.assert(
      fc.property(sqlSoup, (sql) => {
        const result = checkSql(seed, sql)
        if (!result.allowed) return
        const ran = typeof result.args?.sql === 'string' ? result.args.sql : sql
        const reading = naiveReading(ran)
        expect(reading.statements).toBe(1)
        expect(['SelectStmt', 'ExplainStmt']).toContain(reading.kinds[0])
        for (const r of reading.relations)
          expect(['orders', 'products', 'x'].includes(r), `${sql} reads ${r}`).toBe(true)
        expect(reading.functions.every((f) => f === 'count')).toBe(true)
      }),
      { numRuns: 3000 },
    )
  })
})

describe('checkSql over generated queries', () => {
  it('allows a generated read iff every table it names is granted', () => {
    fc.assert(
      fc.property(fc.subarray(GRANTABLE), generatedRead, (granted, { sql, used }) => {
        const policy = compileDatabasePolicy({ tables: granted, operations: ['SELECT'], rowLimit: 50 }, [])
        const expected = used.every((key) => key !== null && granted.includes(key))
        const result = checkSql(policy, sql)
        expect(result.allowed, `${sql} with ${granted.join(',')}: ${JSON.stringify(result)}`).toBe(expected)
        if (result.allowed) expect(typeof result.args?.sql).toBe('string')
      }),
      { numRuns: 1500 },
    )
  })

  it('lets no CTE name hide a table that is not granted', () => {
    fc.assert(
      fc.property(fc.constantFrom(...GRANTABLE), fc.constantFrom(...GRANTABLE), (cteName, read) => {
        const policy = compileDatabasePolicy({ tables: [cteName], operations: ['SELECT'] }, [])
        const sql = `WITH ${cteName} AS (SELECT * FROM ${read}) SELECT * FROM ${cteName}`
        expect(checkSql(policy, sql).allowed).toBe(read === cteName)
      }),
    )
  })
})
