import pg from 'pg'
import { afterAll, describe, it } from 'vitest'
import { dropCreatedSchemas, pgTestUrl } from '../../store/postgres/pg-test-url.js'
import { runApprovalStoreContract } from '../approval-store.contract.js'
import { PostgresApprovalStore } from './postgres-approval-store.js'

const base = process.env.WARDEN_TEST_PG
if (base === undefined) {
  console.warn('PostgresApprovalStore: WARDEN_TEST_PG is not set; PostgreSQL tests are skipped')
  describe.skip('PostgresApprovalStore (WARDEN_TEST_PG unset)', () => it('needs PostgreSQL', () => {}))
} else {
  afterAll(dropCreatedSchemas)
  runApprovalStoreContract('PostgresApprovalStore', async () => {
    const url = new URL(await pgTestUrl(base))
    const schema = url.searchParams.get('schema') as string
    url.searchParams.delete('schema')
    const pool = new pg.Pool({
      connectionString: url.toString(),
      max: 4,
      options: `-c search_path=${schema}`,
    })
    return { store: await PostgresApprovalStore.open(pool), close: () => pool.end() }
  })
}
