import { scoreInjection } from '../src/guardrails/input/injection.js'
import { injectionDataPresent, type LabelledText, loadInjectionSets } from './injection-data.js'
import { allNotInject, crossValidatedScores, extraFoldSeeds, FOLDS } from './injection-folds.js'
import { type CrossValidated, sweepOperatingPoints } from './injection-sweep.js'
import type { EvalRow, EvalSuite } from './run.js'
import { wilsonPercent } from './stats.js'

/**
 * Cross-validated false-positive rate on NotInject (`npx tsx eval/run.ts injection-cv`: 36 s at 11:41
 * UTC, 1 min 23 s at 12:58 UTC with other jobs on the machine): the 70/30 split leaves 31 NotInject rows
 * held out, too few to show a 2 % rate. Each of FOLDS folds (a seeded hash of the row id) is scored by a
 * model trained exactly as scripts/train-injection.ts does but without that fold's NotInject rows (and
 * with every other NotInject row), so every row is scored by weights that never saw it
 * (`crossValidatedScores`). Rules and thresholds are the product's. BIPIA clean held-out outputs (never
 * trained on by the committed model) are reported beside it with the same interval.
 */
export const suite: EvalSuite = {
  title: `Prompt injection, ${FOLDS}-fold cross-validation over NotInject (95% Wilson intervals)`,
  slow: true,
  async run(evalDir: string): Promise<readonly EvalRow[]> {
    if (!injectionDataPresent(evalDir)) return []
    const sets = loadInjectionSets(evalDir)
    const notinject = allNotInject(sets)
    const rows: EvalRow[] = []
    let fp = 0
    let classifierFp = 0
    const flagged: string[] = []
    const cv: CrossValidated[] = []
    const folds = Array.from({ length: FOLDS }, () => ({ fp: 0, rows: 0 }))
    for (const scored of crossValidatedScores(sets)) {
      cv.push(scored)
      const fold = folds[scored.fold]
      if (fold === undefined) throw new Error(`fold ${scored.fold} out of range`)
      fold.rows++
      if (scored.result.detected) {
        fold.fp++
        fp++
        flagged.push(scored.row.id)
      }
      if (scored.result.findings.some((f) => f.entity === 'classifier')) classifierFp++
    }
    for (const [index, fold] of folds.entries())
      rows.push(negatives(`notinject-one fold ${index + 1}/${FOLDS}`, fold.fp, fold.rows))
    rows.push(
      negatives(
        `notinject-one, all rows cross-validated`,
        fp,
        notinject.length,
        `classifier alone >= 0.5 on ${classifierFp}; flagged: ${flagged.join(', ') || 'none'}`,
      ),
    )
    // Already held out of the committed model (by context): scored by it, as tool output.
    const clean = sets.bipia.test.filter((r) => r.label === 0)
    rows.push(negatives('bipia clean (held-out contexts, source tool)', count(clean, 'tool'), clean.length))
    rows.push(
      negatives(
        'notinject-one (split held-out rows, committed model)',
        count(sets.notinject.test),
        sets.notinject.test.length,
      ),
    )
    // The same cross-validation under other fold assignments (WARDEN_CV_SEEDS=0x1234,0xbeef): which rows
    // share a fold moves the count by several rows, and the round's choices were made on FOLD_SEED's.
    const seeds = extraFoldSeeds()
    let repeatFp = fp
    for (const seed of seeds) {
      const ids = [...crossValidatedScores(sets, seed)].filter((s) => s.result.detected).map((s) => s.row.id)
      repeatFp += ids.length
      rows.push(
        negatives(
          `notinject-one, cross-validated, fold seed ${seed.toString(16)}`,
          ids.length,
          notinject.length,
          ids.join(', '),
        ),
      )
    }
    if (seeds.length > 0)
      rows.push(
        negatives(
          `notinject-one, cross-validated, ${seeds.length + 1} fold assignments pooled`,
          repeatFp,
          notinject.length * (seeds.length + 1),
          'rows counted once per assignment, so the interval is too narrow',
        ),
      )
    // The operating-point sweep (WARDEN_SWEEP=0 skips it): same fold models, same held-out sets.
    if (process.env['WARDEN_SWEEP'] !== '0') rows.push(...sweepOperatingPoints(sets, cv))
    return rows
  },
}

function count(rows: readonly LabelledText[], source?: 'tool'): number {
  return rows.filter((r) => scoreInjection(r.text, source === undefined ? {} : { source }).detected).length
}

// A set of benign rows: its false positives with their 95% Wilson interval in the note.
function negatives(set: string, fp: number, n: number, extra?: string): EvalRow {
  const note = `${fp}/${n}, 95% CI ${wilsonPercent(fp, n)} %${extra === undefined ? '' : `; ${extra}`}`
  return { set, tp: 0, fp, fn: 0, tn: n - fp, note }
}
