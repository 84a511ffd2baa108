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
    let chars = 0
    let ns = 0n
    const measure = (set: string, items: LabelledText[], source?: TextSource, note?: string) => {
      let tp = 0
      let fp = 0
      let fn = 0
      let tn = 0
      for (const item of items) {
        const t0 = process.hrtime.bigint()
        const detected = scoreInjection(item.text, source === undefined ? {} : { source }).detected
        ns += process.hrtime.bigint() - t0
        chars += item.text.length
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
    const us = Number(ns) / 1000
    const perKb = us / (chars / 1024)
    const last = rows.pop()!
    rows.push({
      ...last,
      note: `throughput over all rows: ${perKb.toFixed(1)} µs/KB, ${(chars / 1024 / (us / 1e6)).toFixed(0)} KB/s`,
    })
    return rows
  },
}
