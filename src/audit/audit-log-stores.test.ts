import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openStore } from '../store/open-store.js'
import { dropCreatedSchemas, pgTestUrl } from '../store/postgres/pg-test-url.js'
import type { Store } from '../store/store.js'
import { AuditLog } from './audit-log.js'
import { proveRecord, verifyProofBundle } from './prove.js'
import { anEntry } from './test-entry.js'
import { verifyLog } from './verify.js'

const dir = mkdtempSync(join(tmpdir(), 'warden-auditlog-stores-'))
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true })
  await dropCreatedSchemas()
})

const pg = process.env.WARDEN_TEST_PG
if (pg === undefined)
  console.warn('AuditLog on every store: WARDEN_TEST_PG is not set; the PostgreSQL run is skipped')

const stores: [string, (() => Promise<Store>) | null][] = [
  ['memory', () => openStore('memory:')],
  ['sqlite', () => openStore(`sqlite:${join(dir, 'w.db')}`)],
  ['postgres', pg === undefined ? null : async () => openStore(await pgTestUrl(pg))],
]

for (const [name, open] of stores) {
  describe.skipIf(open === null)(`AuditLog on ${name}`, () => {
    it('appends from two logs sharing the store without forking the chain, then verifies and proves', async () => {
      const store = await (open as () => Promise<Store>)()
      const a = await AuditLog.open(store, { keyDir: join(dir, `keys-${name}`), checkpointEvery: 25 })
      const b = await AuditLog.open(store, { keyDir: join(dir, `keys-${name}`), checkpointEvery: 0 })
      const acks = await Promise.all(
        Array.from({ length: 120 }, (_, i) => (i % 2 === 0 ? a : b).append(anEntry({ actionId: `x${i}` }))),
      )
      expect(new Set(acks.map((x) => x.seq)).size).toBe(120)
      await a.close()
      const cp = await b.checkpoint()
      expect(cp.size).toBe(120)
      expect((await store.audit.checkpoints()).length).toBeGreaterThan(1)
      expect(await verifyLog(store.audit, { publicKey: a.key.publicKey })).toEqual({
        ok: true,
        records: 120,
        problems: [],
      })
      const bundle = await proveRecord(store.audit, 77, cp)
      expect(verifyProofBundle(bundle, a.key.publicKey).ok).toBe(true)
      await store.close()
    })
  })
}
