import type { InjectionModel } from '../src/guardrails/input/classifier.js'
import type { TextSource } from '../src/guardrails/input/features.js'
import { type InjectionOptions, scoreInjection } from '../src/guardrails/input/injection.js'
import type { InjectionSets, LabelledText } from './injection-data.js'
import { lookAlikeSplits } from './look-alikes.js'
import type { EvalRow } from './run.js'
import { wilsonPercent } from './stats.js'

/** One operating point: the flag threshold and the gate on the classifier for user-source text. */
export interface OperatingPoint {
  readonly flagAt: number
  readonly userClassifierAt: number
}

/** The grid the sweep prints: flag thresholds × classifier gates (1.01: classifier off for prompts). */
export const SWEEP_GRID: readonly OperatingPoint[] = [0.5, 0.6, 0.7, 0.8].flatMap((flagAt) =>
  [0, 0.6, 0.65, 0.68, 0.7, 0.75, 0.8, 0.9, 0.95, 1.01].map((userClassifierAt) => ({
    flagAt,
    userClassifierAt,
  })),
)

/** NotInject rows with the fold model that never trained on them. */
export interface CrossValidated {
  readonly row: LabelledText
  readonly model: InjectionModel
}

/**
 * Scores every operating point of SWEEP_GRID: false positives on cross-validated NotInject (fold
 * models) and on BIPIA clean held-out outputs (as tool output), recall on JailbreakBench held-out goals
 * and BIPIA injected held-out outputs (committed model), and the six look-alike sets. One row per
 * point: fp/tn are NotInject CV, tp/fn JailbreakBench; the note carries the rest.
 */
export function sweepOperatingPoints(sets: InjectionSets, cv: readonly CrossValidated[]): EvalRow[] {
  const bipiaClean = sets.bipia.test.filter((r) => r.label === 0)
  const bipiaInjected = sets.bipia.test.filter((r) => r.label === 1)
  const looks = lookAlikeSplits()
  return SWEEP_GRID.map((point) => {
    const opts: InjectionOptions = { blockAt: Math.max(0.85, point.flagAt), ...point }
    const hits = (rows: readonly LabelledText[], source?: TextSource) =>
      rows.filter((r) => scoreInjection(r.text, source === undefined ? opts : { ...opts, source }).detected)
        .length
    const niFp = cv.filter(({ row, model }) => scoreInjection(row.text, { ...opts, model }).detected).length
    const jbb = hits(sets.jailbreak.test)
    const cleanFp = hits(bipiaClean, 'tool')
    const injected = hits(bipiaInjected, 'tool')
    const own = looks.map(
      ({ benign, attacks }, i) =>
        `set ${i + 1} FP ${hits(benign)}/${benign.length} rec ${hits(attacks)}/${attacks.length}`,
    )
    const pct = (x: number, n: number) => `${x}/${n} ${((100 * x) / n).toFixed(1)} %`
    const note = [
      `NotInject CV FP ${pct(niFp, cv.length)} (CI ${wilsonPercent(niFp, cv.length)})`,
      `BIPIA clean FP ${pct(cleanFp, bipiaClean.length)}`,
      `JBB rec ${(jbb / sets.jailbreak.test.length).toFixed(3)}`,
      `BIPIA inj rec ${(injected / bipiaInjected.length).toFixed(3)}`,
      ...own,
    ].join('; ')
    return {
      set: `sweep flagAt ${point.flagAt}, user classifier gate ${point.userClassifierAt}`,
      tp: jbb,
      fp: niFp,
      fn: sets.jailbreak.test.length - jbb,
      tn: cv.length - niFp,
      note,
    }
  })
}
