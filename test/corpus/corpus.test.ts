import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { parseConfig } from '../../src/config/load.js'
import type { Evaluation } from '../../src/core/pipeline.js'
import { createEngine } from '../../src/engine/engine.js'
import { type CorpusCase, corpusAction, corpusConfig, loadCorpus } from './corpus.js'

// The boundary corpora (attacks and legitimate actions, as data) run through the whole engine and through
// the `warden check` binary: the library and the CLI must agree with every expectation.
const cases = loadCorpus()
const bin = new URL('../../bin/warden.js', import.meta.url).pathname

interface Outcome {
  readonly decision: string
  readonly codes: readonly string[]
  readonly args?: Record<string, unknown>
}

function mismatch(c: CorpusCase, got: Outcome): string | undefined {
  const denied = got.decision === 'deny'
  if (c.expect === 'deny' && !denied) return `expected deny, got ${got.decision}`
  if (c.expect === 'allow' && denied) return `expected allow, got deny ${got.codes.join(',')}`
  if (c.code !== undefined && !got.codes.includes(c.code))
    return `expected code ${c.code}, got ${got.codes.join(',')}`
  if (c.rewrittenSql !== undefined && got.args?.['sql'] !== c.rewrittenSql) {
    return `expected rewritten sql ${c.rewrittenSql}, got ${String(got.args?.['sql'])}`
  }
  return undefined
}

function report(results: readonly Outcome[]): string[] {
  return results.flatMap((got, i) => {
    const c = cases[i] as CorpusCase
    const why = mismatch(c, got)
    return why === undefined ? [] : [`${c.source} ${c.name}: ${why}`]
  })
}

describe('boundary corpus', () => {
  it('has at least 300 cases of attacks and legitimate actions', () => {
    expect(cases.length).toBeGreaterThanOrEqual(300)
    expect(cases.some((c) => c.expect === 'allow')).toBe(true)
    expect(cases.some((c) => c.expect === 'deny')).toBe(true)
  })

  describe('through the library', () => {
    let evaluations: Evaluation[] = []
    beforeAll(async () => {
      const engine = await createEngine(parseConfig(corpusConfig(cases), 'corpus.yaml'))
      evaluations = []
      for (const [i, c] of cases.entries())
        evaluations.push(await engine.evaluate(corpusAction(c, i) as never))
    })

    it('decides every case as expected', () => {
      const outcomes = evaluations.map((e) => ({
        decision: e.decision,
        codes: e.reasons.map((r) => r.code),
        ...(e.rewritten ? { args: e.action.args } : {}),
      }))
      expect(report(outcomes)).toEqual([])
    })
  })

  describe('through `warden check`', () => {
    it('prints one line per case, in order, deciding each as expected', () => {
      const dir = mkdtempSync(join(tmpdir(), 'warden-corpus-'))
      writeFileSync(join(dir, 'warden.yaml'), corpusConfig(cases))
      const input = cases.map((c, i) => JSON.stringify(corpusAction(c, i))).join('\n')
      let stdout: string
      try {
        stdout = execFileSync('node', [bin, 'check', '--config', join(dir, 'warden.yaml'), '--no-audit'], {
          input,
          cwd: dir,
          encoding: 'utf8',
          maxBuffer: 64 * 1024 * 1024,
        })
      } catch (error) {
        const e = error as { status?: number; stdout?: string; stderr?: string }
        expect(e.status, e.stderr).toBe(2) // some cases deny: exit 2 is the expected outcome
        stdout = e.stdout ?? ''
      }
      const lines = stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>)
      expect(lines.map((l) => l['id'])).toEqual(cases.map((_, i) => `case-${i}`))
      const outcomes = lines.map((l) => ({
        decision: String(l['decision']),
        codes: (l['reasons'] as { code: string }[]).map((r) => r.code),
        ...(l['args'] === undefined ? {} : { args: l['args'] as Record<string, unknown> }),
      }))
      expect(report(outcomes)).toEqual([])
    })
  })
})
