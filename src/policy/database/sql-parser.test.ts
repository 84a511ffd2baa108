import { describe, expect, it } from 'vitest'
import { WardenError } from '../../errors/warden-error.js'
import { checkSql, compileDatabasePolicy, loadSqlParser } from './database-policy.js'

const policy = compileDatabasePolicy({ tables: ['orders'], operations: ['SELECT'] }, [])

describe('loadSqlParser', () => {
  it('makes checkSql fail (not allow) until the parser is loaded, then loads once', async () => {
    let error: unknown
    try {
      checkSql(policy, 'SELECT * FROM orders')
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(WardenError)
    expect((error as WardenError).code).toBe('SQL_PARSER_NOT_LOADED')
    const first = loadSqlParser()
    expect(loadSqlParser()).toBe(first)
    await first
    await loadSqlParser()
    expect(checkSql(policy, 'SELECT * FROM orders')).toEqual({
      allowed: true,
      facts: { 'sql.kind': expect.any(String) },
    })
  })
})
