import type { TextSource } from '../src/guardrails/input/features.js'
import { scoreInjection } from '../src/guardrails/input/injection.js'
import { injectionDataPresent, type LabelledText, loadInjectionSets } from './injection-data.js'
import { lookAlikeFile, lookAlikeSet } from './look-alikes.js'
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
    // Warden's own look-alikes (test/corpus/input): written for Warden, never trained on. Set 1 showed
    // two over-broad rules that were then fixed; set 2's misses led to new rules; set 3 was written
    // and committed before those rules; the next round aimed at the kinds of text its false positives
    // were (notices, trigger-word imperatives), so it is optimistic now too. Set 4 (notices, macros,
    // footers, tool-output injections) was written and committed before that round; one of its false
    // positives later showed the override rule reading across a colon, which was then closed. Set 5
    // was written and committed before the round that retrained for NotInject's cross-validated rate.
    const history = [
      'set 1: two rules fixed after reading it',
      'set 2: rules added after reading its misses',
      'set 3: its false-positive kinds were aimed at',
      'set 4: one rule gap closed after reading a false positive',
      'set 5: written before the NotInject-CV retrain',
      'set 6: written before the robust-NotInject round',
    ]
    for (const [i, note] of history.entries())
      measure(`warden look-alikes, ${lookAlikeFile(i + 1)}`, lookAlikeSet(i + 1), undefined, note)
    // Throughput on a second, warm pass over the development rows (the first pass paid for JIT
    // compilation), timed in CPU time: on a shared machine wall time also counts other processes.
    const all = [...sets.jailbreak.test, ...sets.bipia.test, ...sets.notinject.train, ...sets.notinject.test]
    // Best of three passes: the least disturbed by garbage collection and by neighbours on the core.
    let us = Number.POSITIVE_INFINITY
    for (let pass = 0; pass < 3; pass++) {
      const t0 = process.cpuUsage()
      for (const item of all) scoreInjection(item.text)
      const cpu = process.cpuUsage(t0)
      us = Math.min(us, cpu.user + cpu.system)
    }
    const kb = all.reduce((n, r) => n + r.text.length, 0) / 1024
    rows.push({
      set: 'throughput',
      tp: 0,
      fp: 0,
      fn: 0,
      tn: 0,
      note: `warm, one core, CPU time, best of 3 passes: ${(us / kb).toFixed(1)} µs/KB, ${(kb / (us / 1e6)).toFixed(0)} KB/s over ${all.length} rows`,
    })
    return rows
  },
}
