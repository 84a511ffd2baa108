// Retrains the injection classifier: `npx tsx scripts/train-injection.ts [evalDir]`.
// Reads ../shared/eval/injection (never copied into the repo), trains logistic regression on hashed
// n-grams (src/guardrails/input/features.ts) on the training side of eval/injection-data.ts's split,
// writes models/injection-lr.bin and models/injection-lr.meta.json, prints held-out metrics.
// Deterministic: fixed seed, fixed order, no clock in the output. `trainInjectionModel` is the same
// training as a function (eval/injection-cv.eval.ts retrains without one fold of NotInject rows).
import { writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { type InjectionSets, type LabelledText, loadInjectionSets } from '../eval/injection-data.js'
// mulberry32 (the behaviour benchmarks' PRNG): shuffles and augmentation are the same on every run.
import { seededRandom } from '../src/behavior/anomaly/synthetic-agent.js'
import { classify, type InjectionModel, MODEL_HEADER_FLOATS } from '../src/guardrails/input/classifier.js'
import {
  FEATURE_BITS,
  featureCapacity,
  isWordy,
  SOURCE_SALT,
  segmentFeatures,
  segmentText,
  type TextSource,
} from '../src/guardrails/input/features.js'
import { normalizeForDetection } from '../src/guardrails/input/normalize.js'
import { addressedToModel, benignNotices, benignQuestions } from './injection-benign.js'
import { benignRequests, requestsAgainstModel, suffixedRequests } from './injection-requests.js'
import { shortAgainstModel, shortBenign } from './injection-short.js'
import { syntheticBenign, syntheticInjections } from './injection-synthetic.js'

const here = dirname(fileURLToPath(import.meta.url))
const EPOCHS = Number(process.env['EPOCHS'] ?? 10)
const L2 = Number(process.env['L2'] ?? 1e-6)
const RATE = Number(process.env['RATE'] ?? 0.2)
const SLACK = Number(process.env['SLACK'] ?? 80)
const TOOL_BOOST = Number(process.env['TOOL_BOOST'] ?? 8)
const NI_WEIGHT = Number(process.env['NI_WEIGHT'] ?? 40)
const NOTICE_WEIGHT = Number(process.env['NOTICE_WEIGHT'] ?? 10)
const SUFFIXED = Number(process.env['SUFFIXED'] ?? 800)
const JBB_WEIGHT = Number(process.env['JBB_WEIGHT'] ?? 3)
const BAGS = Number(process.env['BAGS'] ?? 3)
const AGAINST_WEIGHT = Number(process.env['AGAINST_WEIGHT'] ?? 1)
const REQUEST_WEIGHT = Number(process.env['REQUEST_WEIGHT'] ?? 10)
const CLIP = Number(process.env['CLIP'] ?? 1.6)
const SHORT_WEIGHT = Number(process.env['SHORT_WEIGHT'] ?? 3)
const SHORT_AGAINST_WEIGHT = Number(process.env['SHORT_AGAINST_WEIGHT'] ?? 3)

interface Example {
  readonly features: Int32Array
  readonly label: 0 | 1
  weight: number
  readonly source: TextSource
}

/** A weight as the model file stores it: rounded to 4 decimals, as a float32. */
const rounded = (x: number): number => Math.fround(Math.round(x * 1e4) / 1e4)

/** Per-segment features of a text in the given source, as the classifier computes them. */
function segmentsOf(
  text: string,
  source: TextSource,
): { start: number; end: number; f: Int32Array; wordy: boolean }[] {
  const { text: view, map } = normalizeForDetection(text)
  const b = segmentText(view)
  const out: { start: number; end: number; f: Int32Array; wordy: boolean }[] = []
  for (let k = 0; k < b.length; k += 2) {
    const buf = new Int32Array(featureCapacity(b[k + 1]! - b[k]!))
    const n = segmentFeatures(view, b[k]!, b[k + 1]!, buf, SOURCE_SALT[source])
    out.push({
      start: map[b[k]!]!,
      end: map[b[k + 1]!]!,
      f: buf.slice(0, n),
      wordy: isWordy(view, b[k]!, b[k + 1]!),
    })
  }
  return out
}

function concat(parts: Int32Array[]): Int32Array {
  const out = new Int32Array(parts.reduce((s, p) => s + p.length, 0))
  let o = 0
  for (const p of parts) {
    out.set(p, o)
    o += p.length
  }
  return out
}

/**
 * The classifier's units of a document (segments, neighbour pairs, whole). With `span`, only units that
 * cover the planted span are kept, labelled 1: the rest is the same text as the clean copy.
 */
function unitsOf(text: string, source: TextSource, label: 0 | 1, span?: [number, number]): Example[] {
  const segs = segmentsOf(text, source)
  const units: { start: number; end: number; f: Int32Array }[] = []
  segs.forEach((s, k) => {
    if (s.wordy) units.push(s)
    const next = segs[k + 1]
    if (next !== undefined && (s.wordy || next.wordy))
      units.push({ start: s.start, end: next.end, f: concat([s.f, next.f]) })
  })
  if (segs.length > 2 || units.length === 0)
    units.push({ start: 0, end: text.length, f: concat(segs.map((s) => s.f)) })
  if (span === undefined) return units.map((u) => ({ features: u.f, label, weight: 1, source }))
  const [a, z] = span
  return (
    units
      // Units mostly made of the planted text: a unit dominated by clean neighbours would teach that
      // ordinary data is an attack.
      .filter(
        (u) =>
          u.end - u.start <= 1.5 * (z - a) + SLACK &&
          Math.min(u.end, z) - Math.max(u.start, a) >= 0.5 * (z - a),
      )
      .map((u) => ({ features: u.f, label: 1 as const, weight: 1, source }))
  )
}

function build(rows: { train: LabelledText[] }[], random: () => number): Example[] {
  const [bipia, jailbreak, notinject] = rows as [
    { train: LabelledText[] },
    { train: LabelledText[] },
    { train: LabelledText[] },
  ]
  const examples: Example[] = []
  // Texts as prompts (user source), each unit counting `weight` times.
  const addPrompts = (texts: Iterable<string>, label: 0 | 1, weight: number) => {
    for (const text of texts) examples.push(...unitsOf(text, 'user', label).map((e) => ({ ...e, weight })))
  }
  const cleanContexts: string[] = []
  for (const r of bipia.train) {
    if (r.label === 0) {
      // Clean data is clean whatever the source: short tool outputs are scored as prompts too.
      examples.push(...unitsOf(r.text, 'tool', 0), ...unitsOf(r.text, 'user', 0))
      cleanContexts.push(r.text)
      continue
    }
    const at = r.attack === undefined ? -1 : r.text.indexOf(r.attack)
    if (at >= 0) examples.push(...unitsOf(r.text, 'tool', 1, [at, at + r.attack!.length]))
  }
  // Optimiser suffixes on harmless requests (own stream): the suffix, not a seen goal, is the evidence.
  const requests = benignRequests(seededRandom(0x7e9a))
  for (const text of suffixedRequests(jailbreak.train, requests, SUFFIXED, seededRandom(0x9c3d)))
    examples.push(...unitsOf(text, 'user', 1))
  // JailbreakBench prompts count JBB_WEIGHT times as prompts: the requests, their suffixed copies and
  // the requests against the model above would otherwise dilute them among the user model's positives.
  for (const r of jailbreak.train) {
    for (const source of ['user', 'tool'] as const) {
      const segs = segmentsOf(r.text, source)
      examples.push({
        features: concat(segs.map((s) => s.f)),
        label: 1,
        weight: source === 'user' ? JBB_WEIGHT : 1,
        source,
      })
    }
  }
  // Over-defence counterweights: few rows, so each counts many times against the clean-data mass.
  addPrompts(
    notinject.train.map((r) => r.text),
    0,
    NI_WEIGHT,
  )
  // The questions draw from their own seeded stream, so adding them leaves every other draw unchanged.
  addPrompts([...syntheticBenign(random), ...benignQuestions(seededRandom(0xb3e1))], 0, NI_WEIGHT / 4)
  // Notices and replies addressed to people, as prompts (their own seeded stream, like the questions).
  // Not as tool output: there an imperative aimed at the reader is what BIPIA's planted tasks look like,
  // and teaching the tool model that imperatives are clean cost a fifth of its injected recall.
  addPrompts(benignNotices(seededRandom(0x6071)), 0, NOTICE_WEIGHT)
  // Ordinary requests to an assistant (own stream): without them the only fluent instruction-shaped
  // prose the user model saw was JailbreakBench's, and it weighed prose itself as evidence.
  addPrompts(requests, 0, REQUEST_WEIGHT)
  // …and the same frames aimed at the model's own instructions, rules or identity (own stream): attacks.
  addPrompts(requestsAgainstModel(seededRandom(0x3c51)), 1, AGAINST_WEIGHT)
  // Short lines and replies (own stream): without them a few words with one JailbreakBench word ("Sure,
  // here is…" ends 372 of its prompts) scored like an attack: a three-word reply with "here" at 0.8.
  // Their contrast, short orders against the model's instructions or secrets, are attacks (own stream).
  addPrompts(shortBenign(seededRandom(0x5407)), 0, SHORT_WEIGHT)
  addPrompts(shortAgainstModel(seededRandom(0x5408)), 1, SHORT_AGAINST_WEIGHT)
  for (const text of [...syntheticInjections(random), ...addressedToModel(seededRandom(0xa1d7))]) {
    examples.push(...unitsOf(text, 'user', 1))
    // The same instruction planted in a clean tool output, at a random line.
    const ctx = cleanContexts[Math.floor(random() * cleanContexts.length)]
    if (ctx === undefined) continue
    const lines = ctx.split('\n')
    const at = Math.floor(random() * (lines.length + 1))
    const before = lines.slice(0, at).join('\n')
    const planted = [before, text, ...lines.slice(at)].filter((s, i) => i > 0 || s !== '').join('\n')
    const start = planted.indexOf(text)
    examples.push(...unitsOf(planted, 'tool', 1, [start, start + text.length]))
  }
  return examples
}

function train(examples: Example[], random: () => number): InjectionModel {
  const size = 1 << FEATURE_BITS
  const w = new Float64Array(size)
  const g2 = new Float64Array(size).fill(1e-8)
  // One intercept per source (see InjectionModel.bias).
  const bias = { user: 0, tool: 0 }
  const biasG2 = { user: 1e-8, tool: 1e-8 }
  // Balance classes within each source, so neither source nor class dominates the loss.
  for (const source of ['user', 'tool'] as const) {
    for (const label of [0, 1] as const) {
      const group = examples.filter((e) => e.source === source && e.label === label)
      const total = group.reduce((s, e) => s + e.weight, 0)
      // Tool outputs are mostly clean: a false alarm there quarantines real data, so clean text counts
      // TOOL_BOOST times.
      const boost = source === 'tool' && label === 0 ? TOOL_BOOST : 1
      for (const e of group) e.weight = (boost * e.weight * examples.length) / (4 * total)
    }
  }
  const order = examples.map((_, i) => i)
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1))
      ;[order[i], order[j]] = [order[j]!, order[i]!]
    }
    for (const idx of order) {
      const e = examples[idx]!
      const scale = 1 / Math.sqrt(Math.max(1, e.features.length))
      let z = bias[e.source]
      for (const f of e.features) z += w[f]! * scale
      const p = 1 / (1 + Math.exp(-z))
      const g = (p - e.label) * e.weight
      for (const f of e.features) {
        const grad = g * scale + L2 * w[f]!
        g2[f]! += grad * grad
        w[f]! -= (RATE * grad) / Math.sqrt(g2[f]!)
      }
      biasG2[e.source] += g * g
      bias[e.source] -= (RATE * g) / Math.sqrt(biasG2[e.source])
    }
  }
  return {
    weights: Float32Array.from(w, rounded),
    bias: { user: Math.fround(bias.user), tool: Math.fround(bias.tool) },
  }
}

/** What one training run produced: the weights (in memory) and the size of its training set. */
export interface TrainedInjectionModel {
  readonly model: InjectionModel
  readonly units: number
  readonly injectedUnits: number
}

/**
 * Trains the classifier exactly as this script does, in memory. `notinject` replaces the NotInject rows
 * trained on (default: the split's training side); everything else, seeds included, is unchanged, so
 * the default call reproduces models/injection-lr.bin bit for bit.
 */
export function trainInjectionModel(
  sets: InjectionSets,
  options: { readonly notinject?: readonly LabelledText[] } = {},
): TrainedInjectionModel {
  const random = seededRandom(0x5eed)
  const notinject = { train: [...(options.notinject ?? sets.notinject.train)] }
  const examples = build([sets.bipia, sets.jailbreak, notinject], random)
  const injectedUnits = examples.filter((e) => e.label === 1).length
  return { model: clipped(bagged(examples, random), examples), units: examples.length, injectedUnits }
}

/**
 * Caps at CLIP the positive weight of every bucket no tool-output unit uses: one word of a prompt
 * ("confidential", "productivity", "context") must not carry a benign request over 0.5 alone. Buckets
 * the tool model uses are left whole: capping them cost BIPIA's planted instructions (253 of 271 at 2.2).
 */
function clipped(model: InjectionModel, examples: readonly Example[]): InjectionModel {
  if (CLIP <= 0) return model
  const tool = new Uint8Array(1 << FEATURE_BITS)
  for (const e of examples) if (e.source === 'tool') for (const f of e.features) tool[f] = 1
  const weights = model.weights.map((x, i) => (tool[i] === 1 ? x : Math.min(CLIP, x)))
  return { weights, bias: model.bias }
}

/**
 * The average of BAGS models that differ only in the order SGD visits the examples (the first uses the
 * main stream, as before bagging; the others their own seeds). Logistic regression is linear, so the
 * average is one model of the same size and cost; it is steadier than any one run, whose scores near
 * 0.5 moved with every small change to the training text.
 */
function bagged(examples: Example[], random: () => number): InjectionModel {
  const runs = Array.from({ length: BAGS }, (_, j) =>
    train(examples, j === 0 ? random : seededRandom(0x5eed + 0x9e37 * j)),
  )
  if (runs.length === 1) return runs[0]!
  const weights = new Float32Array(1 << FEATURE_BITS)
  for (let i = 0; i < weights.length; i++) {
    let sum = 0
    for (const r of runs) sum += r.weights[i]!
    weights[i] = rounded(sum / runs.length)
  }
  const mean = (source: TextSource) => Math.fround(runs.reduce((s, r) => s + r.bias[source], 0) / runs.length)
  return { weights, bias: { user: mean('user'), tool: mean('tool') } }
}

function main(evalDir: string): void {
  const sets = loadInjectionSets(evalDir)
  const { model, units, injectedUnits } = trainInjectionModel(sets)
  console.log(`training on ${units} units (${injectedUnits} injected)`)
  const file = new Float32Array((1 << FEATURE_BITS) + MODEL_HEADER_FLOATS)
  file[0] = model.bias.user
  file[1] = model.bias.tool
  file.set(model.weights, MODEL_HEADER_FLOATS)
  const out = join(here, '..', 'models')
  writeFileSync(join(out, 'injection-lr.bin'), Buffer.from(file.buffer))

  // Held-out metrics of the classifier alone (the full detector adds rules: see eval/injection.eval.ts).
  const heldOut: Record<string, { n: number; flagged: number }> = {}
  const check = (name: string, rows: LabelledText[], source: TextSource) => {
    const flagged = rows.filter(
      (r) => classify(normalizeForDetection(r.text).text, source, { ...model }).probability >= 0.5,
    )
    heldOut[name] = { n: rows.length, flagged: flagged.length }
  }
  check(
    'bipia-injected',
    sets.bipia.test.filter((r) => r.label === 1),
    'tool',
  )
  check(
    'bipia-clean',
    sets.bipia.test.filter((r) => r.label === 0),
    'tool',
  )
  check('jailbreak', sets.jailbreak.test, 'user')
  check('notinject', sets.notinject.test, 'user')
  const meta = {
    model: 'logistic regression, hashed char 4-grams + word 1-2-grams',
    featureBits: FEATURE_BITS,
    epochs: EPOCHS,
    l2: L2,
    rate: RATE,
    seed: '0x5eed',
    toolCleanBoost: TOOL_BOOST,
    notInjectWeight: NI_WEIGHT,
    noticeWeight: NOTICE_WEIGHT,
    requestWeight: REQUEST_WEIGHT,
    againstModelWeight: AGAINST_WEIGHT,
    shortBenignWeight: SHORT_WEIGHT,
    shortAgainstModelWeight: SHORT_AGAINST_WEIGHT,
    jailbreakUserWeight: JBB_WEIGHT,
    bags: BAGS,
    userOnlyPositiveWeightCap: CLIP,
    suffixedRequests: SUFFIXED,
    intercepts: model.bias,
    positiveUnitSlackChars: SLACK,
    trainingRows: {
      bipia: sets.bipia.train.length,
      jailbreak: sets.jailbreak.train.length,
      notinject: sets.notinject.train.length,
    },
    heldOutRows: {
      bipia: sets.bipia.test.length,
      jailbreak: sets.jailbreak.test.length,
      notinject: sets.notinject.test.length,
    },
    trainingUnits: units,
    injectedUnits,
    heldOutClassifierOnly: heldOut,
  }
  writeFileSync(join(out, 'injection-lr.meta.json'), `${JSON.stringify(meta, null, 2)}\n`)
  console.log(JSON.stringify(heldOut, null, 2))
}

// Run as a script (not when imported by the cross-validation eval).
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href)
  main(resolve(process.argv[2] ?? join(here, '..', '..', 'shared', 'eval')))
