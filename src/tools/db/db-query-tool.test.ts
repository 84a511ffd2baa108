import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadSqlParser } from '../../policy/database/sql-parser.js'
import type { GovernedTools } from '../governed-tools.js'
import { TOOL_LIMITS } from '../tool-limits.js'
import { anOptions, aSandbox, codeOf, textOf } from '../tools-fixture.case.js'
import { anExecuteRequest } from './execute-request.case.js'
import { openSqliteDatabase } from './sqlite-database.js'

let box: Awaited<ReturnType<typeof aSandbox>>
let tools: GovernedTools
beforeEach(async () => {
  box = await aSandbox()
  tools = box.tools
})
afterEach(async () => box.cleanup())

function shop(): Database.Database {
  return new Database(join(box.cwd, 'sandbox', 'shop.db'), { readonly: true })
}

function dump(table: string): unknown[] {
  const db = shop()
  try {
    return db.prepare(`SELECT * FROM ${table} ORDER BY id`).raw(true).all()
  } finally {
    db.close()
  }
}

describe('db.query on SQLite', () => {
  it('runs a granted SELECT with parameters', async () => {
    const result = await tools.call(
      'db.query',
      { sql: 'SELECT name, price_cents FROM products WHERE id = $1', params: [2] },
      anOptions(),
    )
    expect(result.structuredContent).toMatchObject({
      engine: 'sqlite',
      columns: ['name', 'price_cents'],
      rows: [['Gadget', 1950]],
    })
  })

  it('cuts the result at the row limit and says so', async () => {
    const result = await tools.call('db.query', { sql: 'SELECT id FROM orders' }, anOptions())
    expect(result.structuredContent).toMatchObject({ rowCount: 3, truncated: false })
    expect((result.structuredContent as { rows: unknown[] }).rows).toHaveLength(3)
  })

  it('truncates rows the LIMIT cannot bound (UPDATE … RETURNING) at the row limit, and says so', async () => {
    const one = await aSandbox({
      database: { tables: ['invoices'], operations: ['SELECT', 'UPDATE'], rowLimit: 1 },
    })
    try {
      const result = await one.tools.call(
        'db.query',
        { sql: 'UPDATE invoices SET paid = paid RETURNING id' },
        anOptions({ dryRun: true }),
      )
      expect(result.structuredContent).toMatchObject({ truncated: true, rows: [[1]], rowsAffected: 4 })
    } finally {
      await one.cleanup()
    }
  })

  it('re-checks the statement: a table outside the grant is refused before it runs', async () => {
    const other = await aSandbox({ database: { tables: ['products'], operations: ['SELECT'] } })
    try {
      expect(codeOf(await other.tools.call('db.query', { sql: 'SELECT * FROM users' }, anOptions()))).toMatch(
        /^SQL_/,
      )
    } finally {
      await other.cleanup()
    }
  })

  it('reports a database error as TOOL_DB_ERROR', async () => {
    expect(codeOf(await tools.call('db.query', { sql: 'SELECT nope FROM products' }, anOptions()))).toBe(
      'TOOL_DB_ERROR',
    )
  })

  it('refuses malformed params', async () => {
    expect(codeOf(await tools.call('db.query', { sql: 'SELECT 1', params: [{ a: 1 }] }, anOptions()))).toBe(
      'TOOL_BAD_ARGUMENTS',
    )
  })

  it('dry-run of an UPDATE reports the affected rows and changes nothing', async () => {
    const before = dump('orders')
    const result = await tools.call(
      'db.query',
      { sql: "UPDATE orders SET status = 'void' WHERE status = 'paid'" },
      anOptions({ dryRun: true }),
    )
    expect(result.structuredContent).toMatchObject({ dryRun: true, rowsAffected: 3 })
    expect(textOf(result)).toContain('would change 3 row(s)')
    expect(dump('orders')).toEqual(before)
  })

  it('dry-run of a DELETE changes nothing', async () => {
    const before = dump('invoices')
    const result = await tools.call('db.query', { sql: 'DELETE FROM invoices' }, anOptions({ dryRun: true }))
    expect(result.structuredContent).toMatchObject({ rowsAffected: 4 })
    expect(dump('invoices')).toEqual(before)
  })

  it('rolls back an UPDATE byte for byte (primary-key before-images)', async () => {
    const before = dump('products')
    const options = anOptions()
    const result = await tools.call(
      'db.query',
      { sql: 'UPDATE products SET price_cents = price_cents * 2, name = $1 WHERE stock > 0', params: ['X'] },
      options,
    )
    expect(result.structuredContent).toMatchObject({ rowsAffected: 3, rollback: true })
    expect(dump('products')).not.toEqual(before)
    const report = await tools.rollback(options.actionId)
    expect(report.restored).toEqual([{ kind: 'rows', target: '"products"', outcome: '3 rows restored' }])
    expect(dump('products')).toEqual(before)
  })

  it('rolls back a DELETE with an alias and a USING list', async () => {
    const before = dump('invoices')
    const options = anOptions()
    await tools.call(
      'db.query',
      { sql: "DELETE FROM invoices WHERE order_id IN (SELECT id FROM orders WHERE status = 'paid')" },
      options,
    )
    expect(dump('invoices')).toHaveLength(1)
    await tools.rollback(options.actionId)
    expect(dump('invoices')).toEqual(before)
  })

  it('keeps 64-bit integers and blobs exact through rollback', async () => {
    const rw = new Database(join(box.cwd, 'sandbox', 'shop.db'))
    rw.prepare("INSERT INTO users VALUES (4, 'Blob Owner', 'b@example.com', ?)").run(Buffer.from([0, 255, 7]))
    rw.prepare('UPDATE orders SET quantity = ? WHERE id = 4').run(9007199254740993n)
    rw.close()
    const db = shop()
    const read = () => [
      db.prepare('SELECT * FROM users WHERE id = 4').get(),
      db.prepare('SELECT quantity FROM orders WHERE id = 4').safeIntegers(true).get(),
    ]
    const before = read()
    const a = anOptions()
    await tools.call('db.query', { sql: 'DELETE FROM users WHERE id = 4' }, a)
    expect(db.prepare('SELECT * FROM users WHERE id = 4').get()).toBeUndefined()
    const b = anOptions()
    await tools.call('db.query', { sql: 'UPDATE orders SET quantity = 1 WHERE id = 4' }, b)
    await tools.rollback(a.actionId)
    await tools.rollback(b.actionId)
    expect(read()).toEqual(before)
    db.close()
  })

  it('says when a table without a primary key cannot be rolled back', async () => {
    const rw = new Database(join(box.cwd, 'sandbox', 'shop.db'))
    rw.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('a')")
    rw.close()
    // Open a second set of tools on this sandbox's database, for an agent granted the new table.
    const again = await aSandbox(
      { database: { tables: ['notes'], operations: ['SELECT', 'UPDATE'] } },
      { cwd: box.cwd },
    )
    try {
      const result = await again.tools.call('db.query', { sql: "UPDATE notes SET body = 'b'" }, anOptions())
      expect((result.structuredContent as { rollback: string }).rollback).toMatch(/no primary key/)
    } finally {
      await again.cleanup()
    }
  })
})

describe('SQLite executor', () => {
  it('refuses a write in a read-only transaction even when the policy check is bypassed', async () => {
    await loadSqlParser()
    const db = openSqliteDatabase(join(box.cwd, 'sandbox', 'shop.db'))
    try {
      const before = dump('products')
      await expect(db.execute(anExecuteRequest('DELETE FROM products'))).rejects.toMatchObject({
        code: 'TOOL_DB_READ_ONLY',
      })
      expect(dump('products')).toEqual(before)
    } finally {
      await db.close()
    }
  })

  it('cancels a statement past the timeout and stays usable', async () => {
    const db = openSqliteDatabase(join(box.cwd, 'sandbox', 'shop.db'))
    try {
      const heavy =
        'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 30000000) SELECT count(*) FROM c'
      // Run to the end, the statement would return a count; TOOL_DB_TIMEOUT means it was cut off.
      await expect(db.execute(anExecuteRequest(heavy, { timeoutMs: 200 }))).rejects.toMatchObject({
        code: 'TOOL_DB_TIMEOUT',
      })
      const next = await db.execute(anExecuteRequest('SELECT count(*) FROM products'))
      expect(next.rows).toEqual([[4]])
    } finally {
      await db.close()
    }
  })

  it('releases the write lock of a cancelled write at once (the worker process is killed)', async () => {
    await loadSqlParser()
    const db = openSqliteDatabase(join(box.cwd, 'sandbox', 'shop.db'))
    try {
      const before = dump('products')
      const heavy =
        'UPDATE products SET stock = (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 30000000) SELECT count(*) FROM c)'
      await expect(
        db.execute(anExecuteRequest(heavy, { readOnly: false, timeoutMs: 200 })),
      ).rejects.toMatchObject({ code: 'TOOL_DB_TIMEOUT' })
      // Nobody holds the write lock once the timeout is reported: another connection that refuses to
      // wait for it (busy_timeout 0) takes it at once. (It must be a writable connection: a read-only one
      // never asks for the lock.)
      const other = new Database(join(box.cwd, 'sandbox', 'shop.db'))
      try {
        other.pragma('busy_timeout = 0')
        expect(() => other.exec('BEGIN IMMEDIATE; ROLLBACK')).not.toThrow()
      } finally {
        other.close()
      }
      const next = await db.execute(
        anExecuteRequest('UPDATE products SET stock = stock WHERE id = 1', { readOnly: false, dryRun: true }),
      )
      expect(next.rowCount).toBe(1)
      expect(dump('products')).toEqual(before)
    } finally {
      await db.close()
    }
  })

  it('uses the frozen statement timeout by default', () => {
    expect(Object.isFrozen(TOOL_LIMITS)).toBe(true)
    expect(TOOL_LIMITS.statementTimeoutMs).toBeGreaterThan(0)
  })
})

describe('db.query without a rowLimit in the grant', () => {
  it('applies defaultRowLimit as the LIMIT', async () => {
    const box2 = await aSandbox({ database: { tables: ['products'], operations: ['SELECT'] } })
    try {
      const sql = `WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c`
      const result = await box2.tools.call('db.query', { sql }, anOptions())
      expect(result.structuredContent).toMatchObject({
        rowCount: TOOL_LIMITS.defaultRowLimit,
        truncated: false,
      })
    } finally {
      await box2.cleanup()
    }
  })
})
