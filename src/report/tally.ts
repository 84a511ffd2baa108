/** A counter of names whose output order is stable: most frequent first, then by name. */
export class Tally {
  readonly #counts = new Map<string, number>()

  add(name: string, by = 1): void {
    this.#counts.set(name, (this.#counts.get(name) ?? 0) + by)
  }

  get(name: string): number {
    return this.#counts.get(name) ?? 0
  }

  get size(): number {
    return this.#counts.size
  }

  /** `{name: count}` with keys sorted by name (stable JSON). */
  toObject(): Record<string, number> {
    const out: Record<string, number> = {}
    for (const name of [...this.#counts.keys()].sort()) out[name] = this.#counts.get(name) as number
    return out
  }

  /** The `n` most frequent, ties broken by name. */
  top<K extends string>(n: number, key: K): ({ [P in K]: string } & { count: number })[] {
    return [...this.#counts]
      .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
      .slice(0, n)
      .map(([name, count]) => ({ [key]: name, count }) as { [P in K]: string } & { count: number })
  }
}

/** The median of a list of numbers, or null when it is empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

/** A ratio rounded to four decimals (0 when there is nothing to divide). */
export function rate(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000
}
