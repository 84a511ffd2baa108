import { readFileSync } from 'node:fs'
import type { LabelledText } from './injection-data.js'

/** Warden's look-alike set `n` (test/corpus/input/generalisation[-n].jsonl): never trained on. */
export function lookAlikeSet(n: number): LabelledText[] {
  const file = n === 1 ? 'generalisation.jsonl' : `generalisation-${n}.jsonl`
  const url = new URL(`../test/corpus/input/${file}`, import.meta.url)
  return readFileSync(url, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l, i) => {
      const r = JSON.parse(l) as { text: string; label: 0 | 1 }
      return { id: `${file}-${i}`, text: r.text, label: r.label }
    })
}
