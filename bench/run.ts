import { readdirSync } from 'node:fs'
import { cpus } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { BenchSuite } from './harness.js'

// Runs every bench/*.bench.ts (or those named on the command line) and prints one table per suite.
// docs/BENCHMARKS.md records what this printed, with the machine it ran on.
const here = dirname(fileURLToPath(import.meta.url))
const only = process.argv.slice(2)
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort()

console.log(`node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown cpu'}`)
for (const file of files) {
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { suite: BenchSuite }
  console.log(`\n## ${mod.suite.title} (${file})`)
  console.log('| case | ops/s | p50 µs | p99 µs | note |\n|---|---:|---:|---:|---|')
  for (const row of await mod.suite.run()) {
    console.log(
      `| ${row.name} | ${row.opsPerSec.toLocaleString('en-US')} | ${row.p50Us ?? ''} | ${row.p99Us ?? ''} | ${row.note ?? ''} |`,
    )
  }
}
