import { describe, expect, it } from 'vitest'
import type { ApprovalStore } from './approval-store.js'
import { aRequest } from './test-request.js'

/** A store under test and how to release it. */
export interface ApprovalStoreHandle {
  readonly store: ApprovalStore
  close(): Promise<void>
}

/** The behaviour every ApprovalStore must share (memory, SQLite, PostgreSQL). */
export function runApprovalStoreContract(name: string, make: () => Promise<ApprovalStoreHandle>): void {
  async function withStore(fn: (store: ApprovalStore) => Promise<void>): Promise<void> {
    const handle = await make()
    try {
      await fn(handle.store)
    } finally {
      await handle.close()
    }
  }

  describe(`${name}: ApprovalStore contract`, () => {
    it('returns a created request unchanged, by id and by action hash', () =>
      withStore(async (store) => {
        const r = aRequest({ context: { reasoning: 'why', history: [{ tool: 'x' }], dryRun: { rows: 3 } } })
        expect(await store.create(r)).toEqual(r)
        expect(await store.get(r.id)).toEqual(r)
        expect(await store.findByActionHash(r.actionHash)).toEqual(r)
        expect(await store.get('apr_missing')).toBeNull()
        expect(await store.findByActionHash('nope')).toBeNull()
      }))

    it('files one open request per action hash: a second create returns the first', () =>
      withStore(async (store) => {
        const a = aRequest({ actionHash: 'same' })
        const b = aRequest({ actionHash: 'same' })
        const [x, y] = await Promise.all([store.create(a), store.create(b)])
        expect(x.id).toBe(y.id)
        expect((await store.list()).filter((r) => r.actionHash === 'same')).toHaveLength(1)
      }))

    it('files a new request once the old one is closed, and finds the newest', () =>
      withStore(async (store) => {
        const a = aRequest({ actionHash: 'h' })
        await store.create(a)
        expect(await store.update({ ...a, status: 'consumed', version: 2 }, 1)).toBe(true)
        const b = aRequest({ actionHash: 'h', createdAt: a.createdAt + 1 })
        expect((await store.create(b)).id).toBe(b.id)
        expect((await store.findByActionHash('h'))?.id).toBe(b.id)
      }))

    it('keeps review items out of the per-action lookup', () =>
      withStore(async (store) => {
        const r1 = aRequest({ actionHash: 'rv', kind: 'review' })
        const r2 = aRequest({ actionHash: 'rv', kind: 'review' })
        await store.create(r1)
        await store.create(r2)
        expect(await store.findByActionHash('rv')).toBeNull()
        expect((await store.list()).filter((r) => r.actionHash === 'rv')).toHaveLength(2)
      }))

    it('lets exactly one of two racing compare-and-set updates win', () =>
      withStore(async (store) => {
        const r = aRequest()
        await store.create(r)
        const results = await Promise.all([
          store.update({ ...r, status: 'approved', version: 2 }, 1),
          store.update({ ...r, status: 'denied', version: 2 }, 1),
        ])
        expect(results.filter(Boolean)).toHaveLength(1)
        expect((await store.get(r.id))?.version).toBe(2)
        expect(await store.update({ ...r, status: 'expired', version: 2 }, 1)).toBe(false)
        expect(await store.update({ ...aRequest(), id: 'apr_ghost', version: 2 }, 1)).toBe(false)
      }))

    it('lists by status, newest first, with a limit', () =>
      withStore(async (store) => {
        const old = aRequest({ createdAt: 10 })
        const mid = aRequest({ createdAt: 20, status: 'denied' })
        const young = aRequest({ createdAt: 30 })
        for (const r of [old, mid, young]) await store.create(r)
        expect((await store.list({ status: 'pending' })).map((r) => r.id)).toEqual([young.id, old.id])
        expect((await store.list({ limit: 1 })).map((r) => r.id)).toEqual([young.id])
        expect(await store.list({ status: 'consumed' })).toEqual([])
      }))

    it('lists by creation time, both bounds inclusive, with the other filters', () =>
      withStore(async (store) => {
        const made = [10, 20, 30, 40].map((createdAt) => aRequest({ createdAt }))
        for (const r of made) await store.create(r)
        const ids = (filter: Parameters<ApprovalStore['list']>[0]) =>
          store.list(filter).then((rs) => rs.map((r) => r.createdAt))
        expect(await ids({ sinceMs: 20, untilMs: 30 })).toEqual([30, 20])
        expect(await ids({ sinceMs: 31 })).toEqual([40])
        expect(await ids({ untilMs: 10 })).toEqual([10])
        expect(await ids({ sinceMs: 41 })).toEqual([])
        expect(await ids({ sinceMs: 10, untilMs: 40, limit: 2 })).toEqual([40, 30])
        expect(await ids({ sinceMs: 10, status: 'denied' })).toEqual([])
      }))
  })
}
