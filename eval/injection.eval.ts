import type { TextSource } from '../src/guardrails/input/features.js'
import { scoreInjection } from '../src/guardrails/input/injection.js'
import { injectionDataPresent, type LabelledText, loadInjectionSets } from './injection-data.js'
import type { EvalRow, EvalSuite } from './run.js'

/**
 * Prompt-injection detection on the held-out side of eval/injection-data.ts's split (the classifier
 * never saw these rows; BIPIA rows are held out by context *and* by attack text). BIPIA rows are
 * scored as tool outputs, the rest as user prompts, as the gateway sees them.
 */
export const suite: EvalSuite = {
  title: 'Prompt injection (scoreInjection, default thresholds)',
  async run(evalDir: string): Promise<readonly EvalRow[]> {
    if (!injectionDataPresent(evalDir)) return []
    const sets = loadInjectionSets(evalDir)
    const rows: EvalRow[] = []
    const measure = (set: string, items: LabelledText[], source?: TextSource, note?: string) => {
      let tp = 0
      let fp = 0
      let fn = 0
      let tn = 0
      for (const item of items) {
        const detected = scoreInjection(item.text, source === undefined ? {} : { source }).detected
        if (item.label === 1) detected ? tp++ : fn++
        else detected ? fp++ : tn++
      }
      rows.push(note === undefined ? { set, tp, fp, fn, tn } : { set, tp, fp, fn, tn, note })
    }
    const bipiaInjected = sets.bipia.test.filter((r) => r.label === 1)
    const bipiaClean = sets.bipia.test.filter((r) => r.label === 0)
    measure('jailbreakbench (held-out goals)', sets.jailbreak.test)
    measure('bipia injected+clean (held-out, source tool)', [...bipiaInjected, ...bipiaClean], 'tool')
    measure('bipia injected+clean (held-out, source inferred)', [...bipiaInjected, ...bipiaClean])
    measure('notinject-one (held-out rows)', sets.notinject.test)
    measure('notinject-one (all rows, 70% seen in training)', [
      ...sets.notinject.train,
      ...sets.notinject.test,
    ])
    // Throughput on a second, warm pass over every row (the first pass paid for JIT compilation).
    const all = [...sets.jailbreak.test, ...sets.bipia.test, ...sets.notinject.train, ...sets.notinject.test]
    const t0 = process.hrtime.bigint()
    for (const item of all) scoreInjection(item.text)
    const us = Number(process.hrtime.bigint() - t0) / 1000
    const kb = all.reduce((n, r) => n + r.text.length, 0) / 1024
    const last = rows.pop()!
    rows.push({
      ...last,
      note: `throughput (warm, one core): ${(us / kb).toFixed(1)} µs/KB, ${(kb / (us / 1e6)).toFixed(0)} KB/s over ${all.length} rows`,
    })
    return rows
  },
}
