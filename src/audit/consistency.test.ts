import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { openStore } from '../store/open-store.js'
import { AuditLog } from './audit-log.js'
import { proveConsistency, verifyConsistencyBundle } from './consistency.js'
import { leafHash } from './merkle.js'
import { consistencyProof } from './merkle-proofs.js'
import { RangeHasher } from './merkle-range.js'
import { anEntry } from './test-entry.js'

describe('proveConsistency', () => {
  it('proves that a saved checkpoint is a prefix of the current log', async () => {
    const store = await openStore('memory:')
    const log = await AuditLog.open(store, { checkpointEvery: 0 })
    for (let i = 0; i < 11; i++) await log.append(anEntry({ actionId: `a${i}` }))
    const old = await log.checkpoint()
    for (let i = 0; i < 6; i++) await log.append(anEntry({ actionId: `b${i}` }))
    const bundle = JSON.parse(
      JSON.stringify(await proveConsistency(store.audit, old, await log.checkpoint())),
    )
    expect(verifyConsistencyBundle(bundle, log.key.publicKey).ok).toBe(true)
  })

  it('fails for a checkpoint of a forked log (rollback and re-append), even with a valid signature', async () => {
    const store = await openStore('memory:')
    const log = await AuditLog.open(store, { checkpointEvery: 0 })
    for (let i = 0; i < 5; i++) await log.append(anEntry({ actionId: `a${i}` }))
    const other = await openStore('memory:')
    const fork = await AuditLog.open(other, { checkpointEvery: 0 })
    Object.assign(fork, { key: log.key })
    for (let i = 0; i < 5; i++) await fork.append(anEntry({ actionId: `forked${i}` }))
    const forkedOld = await fork.checkpoint()
    for (let i = 0; i < 3; i++) await log.append(anEntry({ actionId: `c${i}` }))
    const bundle = await proveConsistency(store.audit, forkedOld, await log.checkpoint())
    expect(verifyConsistencyBundle(bundle, log.key.publicKey)).toMatchObject({ ok: false })
  })

  it('computes RFC 6962 consistency paths over ranges as over the full leaf list', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.nat(), (n, pick) => {
        const leaves = Array.from({ length: n }, (_, i) => leafHash(`e${i}`))
        const m = pick % (n + 1)
        expect(new RangeHasher(0, [], leaves).consistencyPath(m, n)).toEqual(consistencyProof(m, leaves))
      }),
    )
  })
})
