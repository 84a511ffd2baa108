import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { canonicalJson } from './canonical-json.js'
import { EMPTY_ROOT, frontierFits, leafHash, MerkleFrontier, merkleRoot, nodeHash } from './merkle.js'
import { consistencyProof, inclusionProof, verifyConsistency, verifyInclusion } from './merkle-proofs.js'

const leaves = (n: number) => Array.from({ length: n }, (_, i) => leafHash(`entry ${i}`))

/** RFC 6962 MTH written the slow, obvious way, to check the frontier against. */
function referenceRoot(d: readonly Buffer[]): Buffer {
  if (d.length === 0) return EMPTY_ROOT
  if (d.length === 1) return d[0] as Buffer
  let k = 1
  while (k * 2 < d.length) k *= 2
  return nodeHash(referenceRoot(d.slice(0, k)), referenceRoot(d.slice(k)))
}

describe('merkle hashing (RFC 6962)', () => {
  it('prefixes leaves with 0x00 and nodes with 0x01, so a node cannot pass as a leaf', () => {
    const a = leafHash('a')
    const b = leafHash('b')
    expect(leafHash('').toString('hex')).toBe(
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    )
    expect(nodeHash(a, b).equals(leafHash(Buffer.concat([a, b])))).toBe(false)
  })

  it('matches the reference tree hash for every size up to 70', () => {
    for (let n = 0; n <= 70; n++) expect(merkleRoot(leaves(n)).equals(referenceRoot(leaves(n)))).toBe(true)
  })

  it('changes the root when any leaf changes or two leaves swap', () => {
    const d = leaves(9)
    const root = merkleRoot(d)
    const swapped = [...d]
    ;[swapped[3], swapped[4]] = [d[4] as Buffer, d[3] as Buffer]
    expect(merkleRoot(swapped).equals(root)).toBe(false)
    expect(merkleRoot([...d.slice(0, 8), leafHash('forged')]).equals(root)).toBe(false)
  })

  it('resumes from saved frontier hashes (what retention keeps)', () => {
    const d = leaves(37)
    const first = new MerkleFrontier()
    for (const l of d.slice(0, 21)) first.push(l)
    const resumed = new MerkleFrontier(first.size, first.hashes)
    for (const l of d.slice(21)) resumed.push(l)
    expect(resumed.root().equals(merkleRoot(d))).toBe(true)
  })
})

describe('MerkleFrontier shape', () => {
  it('fits one hash per 1-bit of the size, and refuses any other count', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 0, max: 45 }), (size, count) => {
        const bits = size
          .toString(2)
          .split('')
          .filter((b) => b === '1').length
        expect(frontierFits(size, count)).toBe(count === bits)
        const make = () =>
          new MerkleFrontier(
            size,
            Array.from({ length: count }, () => Buffer.alloc(32)),
          )
        if (count === bits) expect(make().size).toBe(size)
        else expect(make).toThrow(RangeError)
      }),
    )
  })

  it('has the shape of the frontier built leaf by leaf', () => {
    const built = new MerkleFrontier()
    for (let i = 0; i < 77; i++) built.push(leafHash(`r${i}`))
    expect(frontierFits(77, built.hashes.length)).toBe(true)
    expect(new MerkleFrontier(77, built.hashes).root()).toEqual(built.root())
  })
})

describe('inclusion proofs (RFC 9162 §2.1.3)', () => {
  it('verify for every leaf of trees up to 33 leaves', () => {
    for (let n = 1; n <= 33; n++) {
      const d = leaves(n)
      const root = merkleRoot(d)
      for (let i = 0; i < n; i++)
        expect(verifyInclusion(i, n, d[i] as Buffer, inclusionProof(i, d), root)).toBe(true)
    }
  })

  it('reject a proof for the wrong leaf, index or root', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 60 }), fc.nat(), (n, pick) => {
        const d = leaves(n)
        const i = pick % n
        const proof = inclusionProof(i, d)
        const root = merkleRoot(d)
        expect(verifyInclusion(i, n, leafHash('forged'), proof, root)).toBe(false)
        expect(verifyInclusion((i + 1) % n, n, d[i] as Buffer, proof, root)).toBe(false)
        expect(verifyInclusion(i, n, d[i] as Buffer, proof, leafHash('root'))).toBe(false)
        expect(verifyInclusion(n, n, d[i] as Buffer, proof, root)).toBe(false)
      }),
    )
  })
})

describe('consistency proofs (RFC 9162 §2.1.4)', () => {
  it('verify that every smaller tree is a prefix of a larger one', () => {
    for (let n = 1; n <= 30; n++) {
      const d = leaves(n)
      for (let m = 0; m <= n; m++) {
        const ok = verifyConsistency(m, n, merkleRoot(d.slice(0, m)), merkleRoot(d), consistencyProof(m, d))
        expect(ok).toBe(true)
      }
    }
  })

  it('reject a rewritten history (rollback then re-append)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 50 }), fc.nat(), (n, pick) => {
        const d = leaves(n)
        const m = 1 + (pick % (n - 1))
        const forged = [...d]
        forged[m - 1] = leafHash('rewritten')
        const proof = consistencyProof(m, forged)
        expect(verifyConsistency(m, n, merkleRoot(d.slice(0, m)), merkleRoot(forged), proof)).toBe(false)
      }),
    )
  })
})

describe('canonicalJson', () => {
  it('writes the same bytes whatever the key order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (object) => {
        const reversed = Object.fromEntries(Object.entries(object).reverse())
        expect(canonicalJson(reversed)).toBe(canonicalJson(object))
        expect(JSON.parse(canonicalJson(object))).toEqual(JSON.parse(JSON.stringify(object)))
      }),
    )
  })

  it('writes what a plain sorted-keys writer writes (a second, simpler implementation)', () => {
    // Objects order integer-like keys first, so the oracle writes members itself rather than rebuilding objects.
    const plain = (v: unknown): string => {
      if (Array.isArray(v)) return `[${v.map(plain).join(',')}]`
      if (v === null || typeof v !== 'object') return JSON.stringify(v)
      const o = v as Record<string, unknown>
      const members = Object.keys(o)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${plain(o[k])}`)
      return `{${members.join(',')}}`
    }
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value)).toBe(plain(value))
      }),
      { numRuns: 500 },
    )
    expect(canonicalJson({ b: -0, a: [1e21, 5e-7, -1.5], '': 1, '10': 2, '9': 3 })).toBe(
      '{"":1,"10":2,"9":3,"a":[1e+21,5e-7,-1.5],"b":0}',
    )
  })

  it('refuses numbers that JSON cannot hold instead of writing them as null', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(TypeError)
    expect(canonicalJson({ b: [1, undefined], a: undefined })).toBe('{"b":[1,null]}')
  })
})
