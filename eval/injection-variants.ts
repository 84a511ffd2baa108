// One line of figures for the classifier the current training code produces, under the environment's
// training knobs (L2, EPOCHS, RATE, NI_WEIGHT, NOTICE_WEIGHT, REQUEST_WEIGHT, AGAINST_WEIGHT, SUFFIXED,
// JBB_WEIGHT, TOOL_BOOST, BAGS, CLIP: see scripts/train-injection.ts). How the NotInject-CV round compared
// variants without writing models/: `BAGS=1 npx tsx eval/injection-variants.ts` (about 12 s per bag).
// Printed: NotInject cross-validated false positives (fold models, as eval/injection-cv.eval.ts),
// JailbreakBench held-out recall, BIPIA injected / clean held-out as tool output, look-alike sets 1–6
// (false positives, attacks caught), all with the full detector and the variant's weights.
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { trainInjectionModel } from '../scripts/train-injection.js'
import { scoreInjection } from '../src/guardrails/input/injection.js'
import { type LabelledText, loadInjectionSets } from './injection-data.js'
import { allNotInject, crossValidatedScores, extraFoldSeeds, FOLD_SEED } from './injection-folds.js'
import { lookAlikeSplits } from './look-alikes.js'

// ../shared/eval beside the checkout, as eval/run.ts finds it (not against the working directory).
const here = dirname(fileURLToPath(import.meta.url))
const sets = loadInjectionSets(
  resolve(process.env['WARDEN_EVAL_DIR'] ?? join(here, '..', '..', 'shared', 'eval')),
)
const notinject = allNotInject(sets)
const flagged: string[] = []
// WARDEN_CV_SEEDS=0x1234,0xbeef adds those fold assignments to the default one (pooled count printed).
const foldSeeds = [FOLD_SEED, ...extraFoldSeeds()]
for (const seed of foldSeeds)
  for (const { row, result } of crossValidatedScores(sets, seed))
    if (result.detected) flagged.push(`${seed.toString(16)}:${row.id}`)
const { model } = trainInjectionModel(sets)
const hits = (rows: readonly LabelledText[], source?: 'tool') =>
  rows.filter((r) => scoreInjection(r.text, source === undefined ? { model } : { model, source }).detected)
    .length
const injected = sets.bipia.test.filter((r) => r.label === 1)
const clean = sets.bipia.test.filter((r) => r.label === 0)
const parts = [
  `NotInject CV FP ${flagged.length}/${notinject.length * foldSeeds.length}`,
  `JBB ${hits(sets.jailbreak.test)}/${sets.jailbreak.test.length}`,
  `BIPIA injected ${hits(injected, 'tool')}/${injected.length}`,
  `BIPIA clean FP ${hits(clean, 'tool')}/${clean.length}`,
]
for (const [i, { benign, attacks }] of lookAlikeSplits().entries())
  parts.push(`set ${i + 1} ${hits(benign)}/${benign.length} ${hits(attacks)}/${attacks.length}`)
console.log(parts.join(' | '))
console.log(`NotInject CV flagged: ${flagged.join(', ') || 'none'}`)
