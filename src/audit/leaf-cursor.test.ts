import { describe, expect, it } from 'vitest'
import { openStore } from '../store/open-store.js'
import type { Store } from '../store/store.js'
import { AuditLog } from './audit-log.js'
import { leafHash, MerkleFrontier, merkleRoot } from './merkle.js'
import { anEntry } from './test-entry.js'

// Where each catch-up started reading: the fromSeq of every scan the store served.
function watchScans(store: Store): number[] {
  const starts: number[] = []
  const scan = store.audit.scan.bind(store.audit)
  store.audit.scan = async (fromSeq, limit) => {
    starts.push(fromSeq)
    return scan(fromSeq, limit)
  }
  return starts
}

async function appendN(log: AuditLog, from: number, n: number): Promise<void> {
  for (let i = from; i < from + n; i++) await log.append(anEntry({ actionId: `a${i}` }))
}

// The root of every record in the store, read from the first: what a checkpoint must sign.
async function fullRoot(store: Store): Promise<string> {
  const rows = await store.audit.scan(0, 1_000_000)
  return merkleRoot(rows.map((r) => leafHash(r.body))).toString('hex')
}

describe('LeafCursor (the frontier a log signs its checkpoints from)', () => {
  it('starts a log opened again at its last checkpoint, and signs the root a full read gives', async () => {
    const store = await openStore('memory:')
    const first = await AuditLog.open(store)
    await appendN(first, 0, 25)
    await first.checkpoint()
    await first.close()

    const starts = watchScans(store)
    const again = await AuditLog.open(store)
    await appendN(again, 25, 7)
    const checkpoint = await again.checkpoint()
    expect(starts).toEqual([25]) // not 0: the 25 records behind the checkpoint were not read again
    expect(checkpoint.size).toBe(32)
    expect(checkpoint.root).toBe(await fullRoot(store))
  })

  // A log whose checkpoint at 10 records is signed but whose frontier was not kept, and a planted one.
  async function plantedAtTen(hashes: (signedRoot: string) => string[]): Promise<Store> {
    const store = await openStore('memory:')
    const keep = store.audit.addFrontier.bind(store.audit)
    store.audit.addFrontier = async () => undefined
    const first = await AuditLog.open(store)
    await appendN(first, 0, 10)
    const { root } = await first.checkpoint()
    await first.close()
    await keep({ size: 10, hashes: hashes(root) })
    return store
  }

  async function nextCheckpointAfterReopening(store: Store) {
    const starts = watchScans(store)
    const again = await AuditLog.open(store)
    await appendN(again, 10, 2)
    const checkpoint = await again.checkpoint()
    await again.close()
    return { starts, checkpoint }
  }

  it('does not use a kept frontier whose hashes do not fold to a signed root', async () => {
    const store = await plantedAtTen(() => ['0'.repeat(64), '1'.repeat(64)])
    const { starts, checkpoint } = await nextCheckpointAfterReopening(store)
    expect(starts[0]).toBe(0)
    expect(checkpoint.root).toBe(await fullRoot(store))
  })

  it('does not use a kept frontier of the wrong shape, even one that is the signed root itself', async () => {
    // One hash "folds" to itself: without the shape check this passed for the signed root at size 10,
    // and the log then signed a wrong root for the next checkpoint.
    const store = await plantedAtTen((signedRoot) => [signedRoot])
    const { starts, checkpoint } = await nextCheckpointAfterReopening(store)
    expect(starts[0]).toBe(0)
    expect(checkpoint.root).toBe(await fullRoot(store))
  })

  it('does not use a frontier whose root no checkpoint of this log signed', async () => {
    const store = await openStore('memory:')
    const log = await AuditLog.open(store)
    await appendN(log, 0, 12)
    // Hashes consistent with their root, but nothing signed that root at that size.
    const leaves = (await store.audit.scan(0, 100)).map((r) => leafHash(r.body))
    const root = merkleRoot(leaves.slice(0, 8)).toString('hex')
    await store.audit.addFrontier({ size: 8, hashes: [root] })

    const starts = watchScans(store)
    const checkpoint = await log.checkpoint()
    expect(starts[0]).toBe(0)
    expect(checkpoint.size).toBe(12)
    expect(checkpoint.root).toBe(await fullRoot(store))
    await log.close()
  })

  it('keeps the frontier of every checkpoint it signs', async () => {
    const store = await openStore('memory:')
    const log = await AuditLog.open(store)
    await appendN(log, 0, 5)
    const checkpoint = await log.checkpoint()
    const kept = await store.audit.latestFrontier()
    expect(kept?.size).toBe(5)
    // 5 = 4 + 1: two perfect subtrees on the right edge, folding to the signed root.
    expect(kept?.hashes).toHaveLength(2)
    const hashes = (kept?.hashes ?? []).map((h) => Buffer.from(h, 'hex'))
    expect(new MerkleFrontier(5, hashes).root().toString('hex')).toBe(checkpoint.root)
    await log.close()
  })
})
