import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { openStore } from '../store/open-store.js'
import { AuditLog } from './audit-log.js'
import { leafHash, merkleRoot } from './merkle.js'
import { inclusionProof } from './merkle-proofs.js'
import { RangeHasher } from './merkle-range.js'
import { proveRecord, verifyProofBundle } from './prove.js'
import { anEntry } from './test-entry.js'

describe('proveRecord', () => {
  it('gives a bundle a third party verifies with the public key alone, for every record', async () => {
    const store = await openStore('memory:')
    const log = await AuditLog.open(store)
    for (let i = 0; i < 13; i++) await log.append(anEntry({ actionId: `a${i}` }))
    const cp = await log.checkpoint()
    for (let seq = 0; seq < 13; seq++) {
      const bundle = JSON.parse(JSON.stringify(await proveRecord(store.audit, seq, cp)))
      expect(verifyProofBundle(bundle, log.key.publicKey)).toMatchObject({ ok: true })
    }
  })

  it('fails a bundle whose record, path or checkpoint was altered, or checked with another key', async () => {
    const store = await openStore('memory:')
    const log = await AuditLog.open(store)
    for (let i = 0; i < 6; i++) await log.append(anEntry({ actionId: `a${i}` }))
    const bundle = await proveRecord(store.audit, 3, await log.checkpoint())
    const key = log.key.publicKey
    expect(verifyProofBundle({ ...bundle, body: bundle.body.replace('a3', 'a4') }, key).ok).toBe(false)
    expect(verifyProofBundle({ ...bundle, seq: 2 }, key).ok).toBe(false)
    expect(verifyProofBundle({ ...bundle, proof: [...bundle.proof].reverse() }, key).ok).toBe(false)
    expect(verifyProofBundle({ ...bundle, checkpoint: { ...bundle.checkpoint, size: 7 } }, key).ok).toBe(
      false,
    )
    const other = await AuditLog.open(await openStore('memory:'))
    expect(verifyProofBundle(bundle, other.key.publicKey).ok).toBe(false)
    expect(() => verifyProofBundle({ nope: 1 }, key)).toThrow(
      expect.objectContaining({ code: 'AUDIT_PROOF_INVALID' }),
    )
  })

  it('refuses a seq beyond the checkpoint with AUDIT_NOT_FOUND', async () => {
    const store = await openStore('memory:')
    const log = await AuditLog.open(store)
    await log.append(anEntry())
    await expect(proveRecord(store.audit, 1, await log.checkpoint())).rejects.toMatchObject({
      code: 'AUDIT_NOT_FOUND',
    })
  })
})

describe('RangeHasher', () => {
  it('computes the same roots and paths from a retention frontier as from all leaves', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 70 }), fc.nat(), fc.nat(), (n, a, b) => {
        const leaves = Array.from({ length: n }, (_, i) => leafHash(`e${i}`))
        const offset = a % n
        const m = offset + (b % (n - offset))
        const prefix = new RangeHasher(0, [], leaves.slice(0, offset))
        const frontierHashes: Buffer[] = []
        let start = 0
        let rest = offset
        while (rest > 0) {
          const w = 2 ** Math.floor(Math.log2(rest))
          frontierHashes.push(prefix.hash(start, start + w))
          start += w
          rest -= w
        }
        const hasher = new RangeHasher(offset, frontierHashes, leaves.slice(offset))
        expect(hasher.hash(0, n).equals(merkleRoot(leaves))).toBe(true)
        expect(hasher.inclusionPath(m, n)).toEqual(inclusionProof(m, leaves))
      }),
    )
  })
})
