/** A measured figure; `ratio` is against the baseline measured in the same run, where one exists. */
export interface BenchRow {
  readonly name: string
  readonly opsPerSec: number
  readonly p50Us?: number
  readonly p99Us?: number
  readonly note?: string
}

export interface BenchSuite {
  readonly title: string
  run(): Promise<readonly BenchRow[]>
}

/**
 * Times `fn` one call at a time after a warm-up: throughput over the whole run, and p50/p99 of the
 * individual calls in microseconds. Single-threaded: one core.
 */
export async function measure(
  name: string,
  fn: (i: number) => unknown,
  options: { iterations?: number; warmup?: number; note?: string } = {},
): Promise<BenchRow> {
  const iterations = options.iterations ?? 50_000
  const warmup = options.warmup ?? Math.min(5_000, iterations)
  for (let i = 0; i < warmup; i++) await fn(i)
  const samples = new Float64Array(iterations)
  const start = process.hrtime.bigint()
  for (let i = 0; i < iterations; i++) {
    const t0 = process.hrtime.bigint()
    const r = fn(i)
    if (r instanceof Promise) await r
    samples[i] = Number(process.hrtime.bigint() - t0) / 1_000
  }
  const totalNs = Number(process.hrtime.bigint() - start)
  samples.sort()
  const row: BenchRow = {
    name,
    opsPerSec: Math.round(iterations / (totalNs / 1e9)),
    p50Us: round(samples[Math.floor(iterations * 0.5)] ?? 0),
    p99Us: round(samples[Math.floor(iterations * 0.99)] ?? 0),
  }
  return options.note === undefined ? row : { ...row, note: options.note }
}

function round(us: number): number {
  return Math.round(us * 100) / 100
}
