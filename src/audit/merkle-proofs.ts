import { merkleRoot, nodeHash, splitPoint } from './merkle.js'

/**
 * Inclusion and consistency proofs of RFC 9162 §2.1.3 and §2.1.4: generated from the leaf hashes,
 * verified with nothing but the leaf (or old root), the new root and the proof, so a third party who
 * trusts a signed checkpoint needs no access to the log.
 */

/** PATH(m, D[n]): the audit path of leaf `index` in the tree of `leaves`. */
export function inclusionProof(index: number, leaves: readonly Buffer[]): Buffer[] {
  if (!Number.isInteger(index) || index < 0 || index >= leaves.length) {
    throw new RangeError(`inclusionProof: leaf ${index} is outside a tree of ${leaves.length}`)
  }
  return path(index, leaves)
}

function path(m: number, d: readonly Buffer[]): Buffer[] {
  if (d.length <= 1) return []
  const k = splitPoint(d.length)
  if (m < k) return [...path(m, d.slice(0, k)), merkleRoot(d.slice(k))]
  return [...path(m - k, d.slice(k)), merkleRoot(d.slice(0, k))]
}

/** PROOF(m, D[n]): shows that the tree of the first `oldSize` leaves is a prefix of the tree of all. */
export function consistencyProof(oldSize: number, leaves: readonly Buffer[]): Buffer[] {
  if (!Number.isInteger(oldSize) || oldSize < 0 || oldSize > leaves.length) {
    throw new RangeError(`consistencyProof: size ${oldSize} is outside a tree of ${leaves.length}`)
  }
  if (oldSize === 0 || oldSize === leaves.length) return []
  return subproof(oldSize, leaves, true)
}

function subproof(m: number, d: readonly Buffer[], whole: boolean): Buffer[] {
  if (m === d.length) return whole ? [] : [merkleRoot(d)]
  const k = splitPoint(d.length)
  if (m <= k) return [...subproof(m, d.slice(0, k), whole), merkleRoot(d.slice(k))]
  return [...subproof(m - k, d.slice(k), false), merkleRoot(d.slice(0, k))]
}

/** RFC 9162 §2.1.3.2: true when `leaf` sits at `index` in the tree of `size` leaves with `root`. */
export function verifyInclusion(
  index: number,
  size: number,
  leaf: Buffer,
  proof: readonly Buffer[],
  root: Buffer,
): boolean {
  if (!Number.isInteger(index) || !Number.isInteger(size) || index < 0 || index >= size) return false
  let fn = index
  let sn = size - 1
  let r = leaf
  for (const p of proof) {
    if (sn === 0) return false
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r)
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2)
        sn = Math.floor(sn / 2)
      }
    } else {
      r = nodeHash(r, p)
    }
    fn = Math.floor(fn / 2)
    sn = Math.floor(sn / 2)
  }
  return sn === 0 && r.equals(root)
}

/** RFC 9162 §2.1.4.2: true when the tree (oldSize, oldRoot) is a prefix of (newSize, newRoot). */
export function verifyConsistency(
  oldSize: number,
  newSize: number,
  oldRoot: Buffer,
  newRoot: Buffer,
  proof: readonly Buffer[],
): boolean {
  if (!Number.isInteger(oldSize) || !Number.isInteger(newSize) || oldSize < 0 || oldSize > newSize)
    return false
  if (oldSize === newSize) return proof.length === 0 && oldRoot.equals(newRoot)
  if (oldSize === 0) return proof.length === 0
  const path = (oldSize & (oldSize - 1)) === 0 ? [oldRoot, ...proof] : [...proof]
  const [first, ...rest] = path
  if (first === undefined) return false
  let fn = oldSize - 1
  let sn = newSize - 1
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2)
    sn = Math.floor(sn / 2)
  }
  let fr = first
  let sr = first
  for (const c of rest) {
    if (sn === 0) return false
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr)
      sr = nodeHash(c, sr)
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2)
        sn = Math.floor(sn / 2)
      }
    } else {
      sr = nodeHash(sr, c)
    }
    fn = Math.floor(fn / 2)
    sn = Math.floor(sn / 2)
  }
  return sn === 0 && fr.equals(oldRoot) && sr.equals(newRoot)
}
