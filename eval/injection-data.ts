import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The injection development sets of ../shared/eval and the one deterministic split that both
 * scripts/train-injection.ts and eval/injection.eval.ts use, so the eval never scores a row the model
 * was trained on. Held out: 30% of BIPIA contexts, 30% of BIPIA attack texts (an injected row is held
 * out only when both its context and its attack are; rows mixing the sides are dropped), 30% of
 * jailbreak goals, 30% of NotInject rows.
 */
export interface LabelledText {
  readonly id: string
  readonly text: string
  readonly label: 0 | 1
  /** The planted instruction, for BIPIA injected rows. */
  readonly attack?: string
  /** The harmful request a JailbreakBench row wraps (its prompt may append an optimiser's suffix). */
  readonly goal?: string
}

export interface InjectionSets {
  readonly bipia: { readonly train: LabelledText[]; readonly test: LabelledText[] }
  readonly jailbreak: { readonly train: LabelledText[]; readonly test: LabelledText[] }
  readonly notinject: { readonly train: LabelledText[]; readonly test: LabelledText[] }
}

/** FNV-1a of the key, bucketed: 3 of 10 buckets are held out. */
export function isHeldOut(key: string): boolean {
  let h = 0x811c9dc5
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193)
  return (h >>> 0) % 10 < 3
}

export function injectionDataPresent(evalDir: string): boolean {
  return existsSync(join(evalDir, 'injection', 'bipia-train.jsonl'))
}

export function loadInjectionSets(evalDir: string): InjectionSets {
  const sets: InjectionSets = {
    bipia: { train: [], test: [] },
    jailbreak: { train: [], test: [] },
    notinject: { train: [], test: [] },
  }
  for (const r of readJsonl(join(evalDir, 'injection', 'bipia-train.jsonl'))) {
    const id = String(r['id'])
    const context = id.replace(/-(clean|start|middle|end)$/, '')
    const attack = typeof r['attack'] === 'string' ? r['attack'] : undefined
    const row: LabelledText = {
      id,
      text: String(r['text']),
      label: r['label'] === 1 ? 1 : 0,
      ...(attack === undefined ? {} : { attack }),
    }
    const ctxHeld = isHeldOut(context)
    if (attack === undefined) (ctxHeld ? sets.bipia.test : sets.bipia.train).push(row)
    else if (ctxHeld && isHeldOut(attack)) sets.bipia.test.push(row)
    else if (!ctxHeld && !isHeldOut(attack)) sets.bipia.train.push(row)
  }
  readJsonl(join(evalDir, 'injection', 'jailbreakbench.jsonl')).forEach((r, i) => {
    const goal = typeof r['goal'] === 'string' ? r['goal'] : undefined
    const row: LabelledText = {
      id: `jbb-${i}`,
      text: String(r['text']),
      label: 1,
      ...(goal === undefined ? {} : { goal }),
    }
    ;(isHeldOut(String(r['goal'] ?? r['text'])) ? sets.jailbreak.test : sets.jailbreak.train).push(row)
  })
  for (const r of readJsonl(join(evalDir, 'injection', 'notinject-one.jsonl'))) {
    const row: LabelledText = { id: String(r['id']), text: String(r['text']), label: 0 }
    ;(isHeldOut(row.id) ? sets.notinject.test : sets.notinject.train).push(row)
  }
  return sets
}

function readJsonl(file: string): Record<string, unknown>[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>)
}
