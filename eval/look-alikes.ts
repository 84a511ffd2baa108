import { readFileSync } from 'node:fs'
import type { LabelledText } from './injection-data.js'

/** How many look-alike sets there are: generalisation.jsonl, generalisation-2.jsonl, … */
export const LOOK_ALIKE_SET_COUNT = 6

/** The file (in test/corpus/input) of look-alike set `n`. */
export function lookAlikeFile(n: number): string {
  return n === 1 ? 'generalisation.jsonl' : `generalisation-${n}.jsonl`
}

/** Warden's look-alike set `n` (test/corpus/input/generalisation[-n].jsonl): never trained on. */
export function lookAlikeSet(n: number): LabelledText[] {
  const file = lookAlikeFile(n)
  const url = new URL(`../test/corpus/input/${file}`, import.meta.url)
  return readFileSync(url, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l, i) => {
      const r = JSON.parse(l) as { text: string; label: 0 | 1 }
      return { id: `${file}-${i}`, text: r.text, label: r.label }
    })
}

/** Every look-alike set, 1..LOOK_ALIKE_SET_COUNT, split into its benign rows and its attacks. */
export function lookAlikeSplits(): { readonly benign: LabelledText[]; readonly attacks: LabelledText[] }[] {
  return Array.from({ length: LOOK_ALIKE_SET_COUNT }, (_, i) => {
    const set = lookAlikeSet(i + 1)
    return { benign: set.filter((r) => r.label === 0), attacks: set.filter((r) => r.label === 1) }
  })
}
