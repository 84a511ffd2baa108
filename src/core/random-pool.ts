import { randomFillSync } from 'node:crypto'

// Random bytes drawn from a buffer the CSPRNG refills 4 KiB at a time: asking it for a few bytes on every
// call (a spotlight boundary per tool result, an action id per call) cost more than the work around it.
// Each byte is handed out once.
const pool = Buffer.alloc(4096)
let poolAt = pool.length

// The offset of `bytes` unused bytes of the pool, refilling it first when fewer are left.
function take(bytes: number): number {
  if (bytes > pool.length) throw new RangeError(`randomPool: at most ${pool.length} bytes at a time`)
  if (poolAt + bytes > pool.length) {
    randomFillSync(pool)
    poolAt = 0
  }
  const at = poolAt
  poolAt += bytes
  return at
}

/** `bytes` random bytes as lower-case hex. */
export function randomHex(bytes: number): string {
  const at = take(bytes)
  return pool.toString('hex', at, at + bytes)
}

/** One random byte, as a number. */
export function randomByte(): number {
  return pool[take(1)] as number
}

/**
 * `bytes` random bytes as a view of the pool: read them before the next call (a later refill overwrites
 * them), never keep the view.
 */
export function randomView(bytes: number): Uint8Array {
  const at = take(bytes)
  return pool.subarray(at, at + bytes)
}
