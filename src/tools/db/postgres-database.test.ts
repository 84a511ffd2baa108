import { rmSync } from 'node:fs'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { configSchema } from '../../config/schema.js'
import { compilePolicy } from '../../policy/agent-policy.js'
import { dropCreatedSchemas, pgTestUrl } from '../../store/postgres/pg-test-url.js'
import { type GovernedTools, openGovernedTools } from '../governed-tools.js'
import { anOptions, codeOf } from '../tools-fixture.case.js'
import { anExecuteRequest } from './execute-request.case.js'
import { openPostgresDatabase } from './postgres-database.js'

const base = process.env.WARDEN_TEST_PG
if (base === undefined) console.warn('WARDEN_TEST_PG is not set: skipping the PostgreSQL db.query tests')

describe.skipIf(base === undefined)('db.query on PostgreSQL', () => {
  let url: string
  let tools: GovernedTools
  let client: pg.Client

  const dump = async (table: string) =>
    (
      await client.query({
        text: `SELECT * FROM ${table} ORDER BY id`,
        rowMode: 'array',
        types: { getTypeParser: () => (v: string) => v },
      })
    ).rows

  beforeAll(async () => {
    url = await pgTestUrl(base as string)
    const schema = new URL(url).searchParams.get('schema') as string
    client = new pg.Client({ connectionString: base })
    await client.connect()
    await client.query(`SET search_path TO ${schema}`)
    await client.query(`
      CREATE TABLE products (id INT PRIMARY KEY, name TEXT NOT NULL, price NUMERIC(12, 4) NOT NULL, updated TIMESTAMPTZ, photo BYTEA);
      CREATE TABLE events (body TEXT);
      INSERT INTO products SELECT g, 'p' || g, g * 1.0005, '2026-01-02 03:04:05.123456+00', '\\x00ff10'::bytea FROM generate_series(1, 20) g;
      INSERT INTO events VALUES ('a'), ('b');`)
    const config = configSchema.parse({
      agents: {
        a: {
          permissions: {
            database: {
              tables: ['products', 'events'],
              operations: ['SELECT', 'UPDATE', 'DELETE'],
              rowLimit: 5,
            },
          },
        },
      },
      governed: { db: { url } },
    })
    const policy = compilePolicy(config)
    tools = await openGovernedTools({
      governed: config.governed,
      cwd: process.cwd(),
      policyOf: (id) => policy.agents.get(id),
      snapshotsDir: `/tmp/warden-pg-snap-${process.pid}`,
    })
  })

  afterAll(async () => {
    await tools?.close()
    await client?.end()
    await dropCreatedSchemas()
    rmSync(`/tmp/warden-pg-snap-${process.pid}`, { recursive: true, force: true })
  })

  it('runs a SELECT and cuts it at the row limit', async () => {
    const result = await tools.call('db.query', { sql: 'SELECT id FROM products ORDER BY id' }, anOptions())
    expect(result.structuredContent).toMatchObject({ engine: 'postgres', rows: [[1], [2], [3], [4], [5]] })
  })

  it('truncates UPDATE … RETURNING rows at the row limit', async () => {
    const result = await tools.call(
      'db.query',
      { sql: 'UPDATE products SET name = name RETURNING id' },
      anOptions({ dryRun: true }),
    )
    expect(result.structuredContent).toMatchObject({ truncated: true, rowsAffected: 20 })
    expect((result.structuredContent as { rows: unknown[] }).rows).toHaveLength(5)
  })

  it('dry-run of an UPDATE reports the rows and changes nothing', async () => {
    const before = await dump('products')
    const result = await tools.call(
      'db.query',
      { sql: "UPDATE products SET name = 'x' WHERE id <= $1", params: [7] },
      anOptions({ dryRun: true }),
    )
    expect(result.structuredContent).toMatchObject({ dryRun: true, rowsAffected: 7 })
    expect(await dump('products')).toEqual(before)
  })

  it('rolls back an UPDATE and a DELETE byte for byte (numeric, timestamptz, bytea)', async () => {
    const before = await dump('products')
    const update = anOptions()
    await tools.call(
      'db.query',
      { sql: 'UPDATE products AS p SET price = 0, photo = NULL, updated = now() WHERE p.id BETWEEN 3 AND 9' },
      update,
    )
    const remove = anOptions()
    await tools.call('db.query', { sql: 'DELETE FROM products WHERE id > $1', params: [15] }, remove)
    expect(await dump('products')).not.toEqual(before)
    await tools.rollback(remove.actionId)
    const report = await tools.rollback(update.actionId)
    expect(report.failed).toEqual([])
    expect(await dump('products')).toEqual(before)
  })

  it('says when a table has no primary key', async () => {
    const result = await tools.call('db.query', { sql: "UPDATE events SET body = 'z'" }, anOptions())
    expect((result.structuredContent as { rollback: string }).rollback).toMatch(/no primary key/)
  })

  it('refuses a write inside the read-only transaction even past the parser', async () => {
    const db = openPostgresDatabase(url)
    try {
      await expect(db.execute(anExecuteRequest('DELETE FROM products'))).rejects.toMatchObject({
        code: 'TOOL_DB_READ_ONLY',
      })
      expect((await dump('products')).length).toBe(20)
    } finally {
      await db.close()
    }
  })

  it('cancels a heavy statement at the statement timeout', async () => {
    const db = openPostgresDatabase(url)
    try {
      const heavy =
        'SELECT count(*) FROM generate_series(1, 3000) a, generate_series(1, 3000) b, generate_series(1, 3000) c'
      await expect(db.execute(anExecuteRequest(heavy, { timeoutMs: 200 }))).rejects.toMatchObject({
        code: 'TOOL_DB_TIMEOUT',
      })
    } finally {
      await db.close()
    }
  })

  it('reports a SQL error as a result', async () => {
    expect(codeOf(await tools.call('db.query', { sql: 'SELECT nope FROM products' }, anOptions()))).toBe(
      'TOOL_DB_ERROR',
    )
  })
})
