import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { stringify } from 'yaml'

/** One decision case of the boundary corpora (test/corpus/<area>/*.jsonl), in the team's uniform format. */
export interface CorpusCase {
  readonly name: string
  readonly permissions: Record<string, unknown>
  readonly tool: string
  readonly args: Record<string, unknown>
  readonly expect: 'allow' | 'deny'
  readonly code?: string
  readonly rewrittenSql?: string
  /** Where the case came from: `area/file.jsonl:line`. */
  readonly source: string
}

const here = new URL('.', import.meta.url).pathname

/** The JSON lines of one corpus file, as written (the per-area library tests check their exact shape). */
export function readJsonLines<T>(file: URL | string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T)
}

/** Every case of every corpus file under test/corpus/<area>/. */
export function loadCorpus(areas: readonly string[] = ['files', 'database', 'apis', 'tools']): CorpusCase[] {
  const cases: CorpusCase[] = []
  for (const area of areas) {
    const dir = join(here, area)
    if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) continue
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl'))) {
      readFileSync(join(dir, file), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (line.trim() === '') return
          cases.push({
            ...(JSON.parse(line) as Omit<CorpusCase, 'source'>),
            source: `${area}/${file}:${i + 1}`,
          })
        })
    }
  }
  return cases
}

/** One warden.yaml with an agent per case (`c0`, `c1`, …), so a whole corpus runs in one process. */
export function corpusConfig(cases: readonly CorpusCase[]): string {
  const agents: Record<string, unknown> = {}
  cases.forEach((c, i) => {
    agents[`c${i}`] = { permissions: c.permissions }
  })
  return stringify({ agents })
}

/** The action line `warden check` reads for case `i`. */
export function corpusAction(c: CorpusCase, i: number): Record<string, unknown> {
  return { id: `case-${i}`, agent: `c${i}`, tool: c.tool, args: c.args }
}
