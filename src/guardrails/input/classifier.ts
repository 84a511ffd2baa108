import { readFileSync } from 'node:fs'
import { WardenError } from '../../errors/warden-error.js'
import {
  FEATURE_BITS,
  featureCapacity,
  isWordy,
  SOURCE_SALT,
  segmentFeatures,
  segmentText,
  type TextSource,
} from './features.js'

/** Logistic-regression weights over hashed n-grams (see models/MODEL_CARD.md). */
export interface InjectionModel {
  readonly weights: Float32Array
  /**
   * One intercept per source: the two models share a weight file but not a prior, so benign prompts
   * added to the user model do not move the tool model's threshold (and the reverse).
   */
  readonly bias: Readonly<Record<TextSource, number>>
}

/** The classifier's view of a text: the best-scoring unit, its probability and where it lies. */
export interface ClassifierScore {
  readonly probability: number
  /** Span of the most suspicious unit in the scanned (normalised) text. */
  readonly start: number
  readonly end: number
}

/** Floats before the weights in models/injection-lr.bin: the user and the tool intercepts. */
export const MODEL_HEADER_FLOATS = 2
const MODEL_URL = new URL('../../../models/injection-lr.bin', import.meta.url)
let cached: InjectionModel | undefined

/**
 * The committed model, read once from the package (models/injection-lr.bin: little-endian float32s, the
 * user and the tool intercepts, then 2^FEATURE_BITS weights). Nothing is downloaded at run time.
 */
export function loadInjectionModel(): InjectionModel {
  if (cached !== undefined) return cached
  let bytes: Buffer
  try {
    bytes = readFileSync(MODEL_URL)
  } catch (error) {
    throw new WardenError(
      'INJECTION_MODEL_MISSING',
      `cannot read ${MODEL_URL.pathname}: ${(error as Error).message}`,
    )
  }
  const size = 1 << FEATURE_BITS
  if (bytes.byteLength !== (size + MODEL_HEADER_FLOATS) * 4) {
    throw new WardenError(
      'INJECTION_MODEL_MISSING',
      `${MODEL_URL.pathname}: expected ${(size + MODEL_HEADER_FLOATS) * 4} bytes, found ${bytes.byteLength}`,
    )
  }
  const all = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength))
  cached = { bias: { user: all[0]!, tool: all[1]! }, weights: all.subarray(MODEL_HEADER_FLOATS) }
  return cached
}

let buffer = new Int32Array(featureCapacity(4096))

/**
 * Scores every unit of `text` (each segment, each pair of neighbouring segments, the whole text) and
 * returns the most suspicious. Unit scores come from per-segment sums, so the cost stays one pass.
 */
export function classify(
  text: string,
  source: TextSource,
  model: InjectionModel = loadInjectionModel(),
): ClassifierScore {
  const salt = SOURCE_SALT[source]
  const bias = model.bias[source]
  const bounds = segmentText(text)
  const count = bounds.length / 2
  if (count === 0) return { probability: sigmoid(bias), start: 0, end: 0 }
  const sums = new Float64Array(count)
  const ns = new Float64Array(count)
  const w = model.weights
  for (let k = 0; k < count; k++) {
    const s = bounds[2 * k]!
    const e = bounds[2 * k + 1]!
    const need = featureCapacity(e - s)
    if (buffer.length < need) buffer = new Int32Array(need)
    const n = segmentFeatures(text, s, e, buffer, salt)
    let sum = 0
    for (let j = 0; j < n; j++) sum += w[buffer[j]!]!
    sums[k] = sum
    ns[k] = n
  }
  const wordy = new Uint8Array(count)
  for (let k = 0; k < count; k++) wordy[k] = isWordy(text, bounds[2 * k]!, bounds[2 * k + 1]!) ? 1 : 0
  let best = Number.NEGATIVE_INFINITY
  let bestStart = 0
  let bestEnd = 0
  let total = 0
  let totalN = 0
  for (let k = 0; k < count; k++) {
    total += sums[k]!
    totalN += ns[k]!
    const single = sums[k]! / Math.sqrt(ns[k]!)
    if (wordy[k] === 1 && single > best) {
      best = single
      bestStart = bounds[2 * k]!
      bestEnd = bounds[2 * k + 1]!
    }
    if (k + 1 < count && (wordy[k] === 1 || wordy[k + 1] === 1)) {
      const pair = (sums[k]! + sums[k + 1]!) / Math.sqrt(ns[k]! + ns[k + 1]!)
      if (pair > best) {
        best = pair
        bestStart = bounds[2 * k]!
        bestEnd = bounds[2 * k + 3]!
      }
    }
  }
  if (count > 2 || best === Number.NEGATIVE_INFINITY) {
    const whole = total / Math.sqrt(totalN)
    if (whole > best) {
      best = whole
      bestStart = bounds[0]!
      bestEnd = bounds[bounds.length - 1]!
    }
  }
  return { probability: sigmoid(bias + best), start: bestStart, end: bestEnd }
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x))
}
