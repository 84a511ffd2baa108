import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { scanSensitive } from './scan-sensitive.js'

interface PiiCase {
  readonly text: string
  readonly entity: string
  readonly value: string | null
  readonly note: string
}
interface SecretCase {
  readonly text: string
  readonly kind: string | null
  readonly value: string | null
  readonly note: string
}

const corpus = new URL('../../../test/corpus/output/', import.meta.url)
const load = <T>(name: string): T[] =>
  readFileSync(new URL(name, corpus), 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as T)

describe('scanSensitive on the PII corpus (test/corpus/output/pii.jsonl)', () => {
  for (const c of load<PiiCase>('pii.jsonl')) {
    const what = c.value === null ? `finds no ${c.entity}` : `finds ${c.entity} "${c.value}"`
    it(`${what}: ${c.note}`, () => {
      const found = scanSensitive(c.text).filter((f) => f.entity === c.entity)
      const texts = found.map((f) => c.text.slice(f.start, f.end))
      if (c.value === null) expect(texts).toEqual([])
      else expect(texts).toContain(c.value)
    })
  }
})

describe('scanSensitive on the secrets corpus (test/corpus/output/secrets.jsonl)', () => {
  for (const c of load<SecretCase>('secrets.jsonl')) {
    const what = c.kind === null ? 'reports no secret' : `reports ${c.kind}`
    it(`${what}: ${c.note}`, () => {
      const found = scanSensitive(c.text).filter((f) => f.type === 'secret')
      if (c.kind === null) expect(found.map((f) => c.text.slice(f.start, f.end))).toEqual([])
      else expect(found.map((f) => [f.kind, c.text.slice(f.start, f.end)])).toContainEqual([c.kind, c.value])
    })
  }
})
