/**
 * Small statistics for the evals: seeded fold assignment and the Wilson score interval (a binomial
 * proportion's interval that stays inside [0, 1] and is honest at 0 or 1 successes, unlike ±1.96·SE).
 */

/** Fold 0..folds-1 of `key`: FNV-1a from `seed`, so a fold depends on the row only, never on order. */
export function foldOf(key: string, folds: number, seed: number): number {
  let h = seed >>> 0
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193)
  // Murmur3's finaliser: FNV-1a's low bits are weak for short keys that differ in one character.
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return (h >>> 0) % folds
}

/**
 * Wilson score interval of `successes` out of `n` (z = 1.96: 95 %).
 *
 * @example
 * wilson(1, 113) // [0.0016, 0.0484]
 */
export function wilson(successes: number, n: number, z = 1.96): [number, number] {
  if (n === 0) return [0, 1]
  const p = successes / n
  const z2 = z * z
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n)
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))
  return [Math.max(0, centre - half), Math.min(1, centre + half)]
}

/** The Wilson interval of `successes` out of `n` as percentages to one decimal: "0.2–4.8". */
export function wilsonPercent(successes: number, n: number): string {
  const [lo, hi] = wilson(successes, n)
  return `${(100 * lo).toFixed(1)}–${(100 * hi).toFixed(1)}`
}
