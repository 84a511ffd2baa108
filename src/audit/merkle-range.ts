import { nodeHash, splitPoint } from './merkle.js'

/**
 * MTH over any range [a, b) of a log whose leaves below `offset` were removed by retention: the
 * saved frontier supplies the perfect subtrees that covered them, which are exactly the nodes an
 * RFC 6962 path for a later leaf can need.
 */
export class RangeHasher {
  private readonly known = new Map<string, Buffer>()

  constructor(
    private readonly offset: number,
    frontier: readonly Buffer[],
    private readonly leaves: readonly Buffer[],
  ) {
    let start = 0
    let remaining = offset
    for (const hash of frontier) {
      const width = 2 ** Math.floor(Math.log2(remaining))
      this.known.set(`${start}:${start + width}`, hash)
      start += width
      remaining -= width
    }
  }

  get size(): number {
    return this.offset + this.leaves.length
  }

  hash(a: number, b: number): Buffer {
    const known = this.known.get(`${a}:${b}`)
    if (known !== undefined) return known
    if (b - a === 1) {
      const leaf = this.leaves[a - this.offset]
      if (leaf === undefined) throw new RangeError(`leaf ${a} is not available (removed by retention)`)
      return leaf
    }
    const k = splitPoint(b - a)
    return nodeHash(this.hash(a, a + k), this.hash(a + k, b))
  }

  /** PATH(m, D[0:n]) of RFC 6962 §2.1.1, computed over ranges. */
  inclusionPath(m: number, n: number): Buffer[] {
    const out: Buffer[] = []
    let a = 0
    let b = n
    const stack: Buffer[] = []
    while (b - a > 1) {
      const k = splitPoint(b - a)
      if (m < a + k) {
        stack.push(this.hash(a + k, b))
        b = a + k
      } else {
        stack.push(this.hash(a, a + k))
        a = a + k
      }
    }
    // RFC order is leaf-side first: the recursion appends on the way back up.
    for (let i = stack.length - 1; i >= 0; i--) out.push(stack[i] as Buffer)
    return out
  }

  /** PROOF(m, D[0:n]) of RFC 6962 §2.1.2 (SUBPROOF over ranges): the old tree is a prefix of the new. */
  consistencyPath(m: number, n: number): Buffer[] {
    if (m <= 0 || m >= n) return []
    return this.subproof(m, 0, n, true)
  }

  private subproof(m: number, a: number, b: number, whole: boolean): Buffer[] {
    if (m === b - a) return whole ? [] : [this.hash(a, b)]
    const k = splitPoint(b - a)
    if (m <= k) return [...this.subproof(m, a, a + k, whole), this.hash(a + k, b)]
    return [...this.subproof(m - k, a + k, b, false), this.hash(a, a + k)]
  }
}
