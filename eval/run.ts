import { existsSync, readdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

/** One evaluated set: counts from which precision, recall, F1 and the false-positive rate follow. */
export interface EvalRow {
  readonly set: string
  readonly tp: number
  readonly fp: number
  readonly fn: number
  readonly tn: number
  readonly note?: string
}

export interface EvalSuite {
  readonly title: string
  /** Run only when named on the command line (retraining suites): the default run stays fast. */
  readonly slow?: boolean
  run(evalDir: string): Promise<readonly EvalRow[]>
}

// Runs every eval/*.eval.ts over ../shared/eval (or $WARDEN_EVAL_DIR) and prints the metrics.
const here = dirname(fileURLToPath(import.meta.url))
const evalDir = resolve(process.env['WARDEN_EVAL_DIR'] ?? join(here, '..', '..', 'shared', 'eval'))
if (!existsSync(evalDir)) {
  console.log(`skipped: no development data at ${evalDir} (set WARDEN_EVAL_DIR)`)
  process.exit(0)
}
const only = process.argv.slice(2)
const all = readdirSync(here).filter((f) => f.endsWith('.eval.ts'))
// A name is the file's exact name when one exists ('injection' is not 'injection-cv'), else a prefix.
const files = all
  .filter(
    (f) =>
      only.length === 0 ||
      only.some((o) => (all.includes(`${o}.eval.ts`) ? f === `${o}.eval.ts` : f.startsWith(o))),
  )
  .sort()
for (const file of files) {
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { suite: EvalSuite }
  if (mod.suite.slow === true && only.length === 0) {
    console.log(`\n## ${mod.suite.title} (${file}): slow, run it by name`)
    continue
  }
  console.log(`\n## ${mod.suite.title} (${file})`)
  console.log(
    '| set | precision | recall | F1 | FP rate | tp | fp | fn | tn | note |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  )
  for (const r of await mod.suite.run(evalDir)) {
    const p = r.tp + r.fp === 0 ? NaN : r.tp / (r.tp + r.fp)
    const rc = r.tp + r.fn === 0 ? NaN : r.tp / (r.tp + r.fn)
    const f1 = (2 * p * rc) / (p + rc)
    const fpr = r.fp + r.tn === 0 ? NaN : r.fp / (r.fp + r.tn)
    const f = (x: number) => (Number.isNaN(x) ? '–' : x.toFixed(3))
    console.log(
      `| ${r.set} | ${f(p)} | ${f(rc)} | ${f(f1)} | ${f(fpr)} | ${r.tp} | ${r.fp} | ${r.fn} | ${r.tn} | ${r.note ?? ''} |`,
    )
  }
}
