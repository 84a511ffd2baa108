import { trainInjectionModel } from '../scripts/train-injection.js'
import type { InjectionModel } from '../src/guardrails/input/classifier.js'
import { type InjectionResult, scoreInjection } from '../src/guardrails/input/injection.js'
import type { InjectionSets, LabelledText } from './injection-data.js'
import { foldOf } from './stats.js'

/** Folds of NotInject; each is held out of one retraining. */
export const FOLDS = 5
/** The default fold assignment. Not the split's FNV-1a offset basis, so folds do not line up with the 70/30 split. */
export const FOLD_SEED = 0x5f0d

/** One fold of NotInject: its rows and the model trained, as scripts/train-injection.ts does, without them. */
export interface NotInjectFold {
  /** 0..FOLDS-1. */
  readonly index: number
  readonly held: readonly LabelledText[]
  readonly model: InjectionModel
}

/** Every NotInject row, both sides of the 70/30 split. */
export function allNotInject(sets: InjectionSets): LabelledText[] {
  return [...sets.notinject.train, ...sets.notinject.test]
}

/**
 * The FOLDS folds of NotInject under fold assignment `seed`, one retraining each (with every other
 * NotInject row), so every row is scored by weights that never saw it. Lazy: one model per step.
 */
export function* notInjectFolds(sets: InjectionSets, seed = FOLD_SEED): Generator<NotInjectFold> {
  const notinject = allNotInject(sets)
  for (let k = 0; k < FOLDS; k++) {
    const inFold = (r: LabelledText) => foldOf(r.id, FOLDS, seed) === k
    const { model } = trainInjectionModel(sets, { notinject: notinject.filter((r) => !inFold(r)) })
    yield { index: k, held: notinject.filter(inFold), model }
  }
}

/** One NotInject row scored by the full detector with the weights of the fold model that never saw it. */
export interface CrossValidatedScore {
  /** The row's fold, 0..FOLDS-1. */
  readonly fold: number
  readonly row: LabelledText
  readonly model: InjectionModel
  readonly result: InjectionResult
}

/**
 * Every NotInject row under fold assignment `seed`, fold by fold, scored as a prompt by the product's rules
 * and thresholds with its fold's model (`notInjectFolds`): a row with `result.detected` is a cross-validated
 * false positive. The eval and eval/injection-variants.ts both count from here.
 */
export function* crossValidatedScores(sets: InjectionSets, seed = FOLD_SEED): Generator<CrossValidatedScore> {
  for (const { index, held, model } of notInjectFolds(sets, seed))
    for (const row of held) yield { fold: index, row, model, result: scoreInjection(row.text, { model }) }
}

/** Extra fold assignments from WARDEN_CV_SEEDS (e.g. `0x1234,0xbeef`); none by default. */
export function extraFoldSeeds(): number[] {
  return (process.env['WARDEN_CV_SEEDS'] ?? '')
    .split(',')
    .filter((x) => x.trim() !== '')
    .map(Number)
}
