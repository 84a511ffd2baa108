import { randomBytes } from 'node:crypto'
import pg from 'pg'

const created: { base: string; schema: string }[] = []

/**
 * A URL to a fresh, empty schema in the test database (tests drop and create their own schemas, so runs
 * in parallel do not meet). Call dropCreatedSchemas in afterAll.
 */
export async function pgTestUrl(base: string): Promise<string> {
  const schema = `warden_t_${randomBytes(6).toString('hex')}`
  const client = new pg.Client({ connectionString: base })
  await client.connect()
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
    await client.query(`CREATE SCHEMA ${schema}`)
  } finally {
    await client.end()
  }
  created.push({ base, schema })
  const url = new URL(base)
  url.searchParams.set('schema', schema)
  return url.toString()
}

/** Drops every schema this process created. */
export async function dropCreatedSchemas(): Promise<void> {
  for (const { base, schema } of created.splice(0)) {
    const client = new pg.Client({ connectionString: base })
    await client.connect()
    try {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
    } finally {
      await client.end()
    }
  }
}
