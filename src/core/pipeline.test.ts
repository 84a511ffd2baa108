import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { anAction } from '../../test/builders/action.js'
import { DECISIONS, type Decision } from './action.js'
import { runPipeline } from './pipeline.js'
import type { Stage } from './stage.js'
import { ALLOW, deny, requireControl, rewrite, type Verdict } from './verdict.js'

const stage = (name: string, verdict: Verdict | (() => Verdict | Promise<Verdict>)): Stage => ({
  name,
  check: typeof verdict === 'function' ? verdict : () => verdict,
})

const control = (kind: Exclude<Decision, 'allow'>): Verdict =>
  kind === 'deny' ? deny('X', 'x') : requireControl(kind, `C_${kind}`, kind)

describe('runPipeline', () => {
  it('allows when every stage allows, and keeps a trace step per stage', async () => {
    const e = await runPipeline([stage('a', ALLOW), stage('b', ALLOW)], anAction())
    expect(e.decision).toBe('allow')
    expect(e.trace.map((t) => t.stage)).toEqual(['a', 'b'])
    expect(e.reasons).toEqual([])
  })

  it('times each stage to the microsecond, sync and async stages alike', async () => {
    const slow = stage('slow', () => new Promise<Verdict>((resolve) => setTimeout(() => resolve(ALLOW), 3)))
    const e = await runPipeline([stage('sync', ALLOW), slow], anAction())
    for (const step of e.trace) expect(String(step.ms)).toMatch(/^\d+(\.\d{1,3})?$/)
    expect(e.trace[1]?.ms).toBeGreaterThanOrEqual(2)
  })

  it('denies with STAGE_FAILED when a sync stage returns a thenable that throws on access', async () => {
    const odd = {
      // biome-ignore lint/suspicious/noThenProperty: a thenable whose `then` throws is the case under test
      get then(): never {
        throw new Error('no then')
      },
    } as unknown as Verdict
    const e = await runPipeline([stage('odd', odd)], anAction())
    expect(e.decision).toBe('deny')
    expect(e.reasons[0]).toMatchObject({ stage: 'odd', code: 'STAGE_FAILED' })
  })

  it('applies deny > pause > multi_approve > approve > confirm > review > allow whatever the order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...DECISIONS), { minLength: 1, maxLength: 7 }),
        async (kinds) => {
          const stages = kinds.map((k, i) => stage(`s${i}`, k === 'allow' ? ALLOW : control(k)))
          const e = await runPipeline(stages, anAction(), { stopOnDeny: false })
          const expected = DECISIONS.find((d) => kinds.includes(d))
          expect(e.decision).toBe(expected)
        },
      ),
    )
  })

  it('denies with STAGE_FAILED when a stage throws, and stops there', async () => {
    let reached = false
    const e = await runPipeline(
      [
        stage('boom', () => {
          throw new Error('store lost')
        }),
        stage('after', () => {
          reached = true
          return ALLOW
        }),
      ],
      anAction(),
    )
    expect(e.decision).toBe('deny')
    expect(e.reasons[0]).toMatchObject({ stage: 'boom', code: 'STAGE_FAILED' })
    expect(reached).toBe(false)
  })

  it('denies with STAGE_FAILED when an async stage rejects', async () => {
    const e = await runPipeline([stage('async', () => Promise.reject(new Error('nope')))], anAction())
    expect(e.reasons[0]?.code).toBe('STAGE_FAILED')
  })

  it('denies with STAGE_FAILED when a stage exceeds its time budget', async () => {
    const slow: Stage = { name: 'slow', timeoutMs: 20, check: () => new Promise<Verdict>(() => {}) }
    const e = await runPipeline([slow], anAction())
    expect(e.decision).toBe('deny')
    expect(e.reasons[0]?.message).toMatch(/20 ms budget/)
  })

  it('denies with STAGE_FAILED when a stage returns something that is not a verdict', async () => {
    const bogus = [
      undefined,
      null,
      'allow',
      { kind: 'maybe' },
      { kind: 'deny' },
      { kind: 'rewrite', code: 'x', reason: 'y' },
    ]
    for (const value of bogus) {
      const e = await runPipeline([stage('bogus', () => value as unknown as Verdict)], anAction())
      expect(e.decision).toBe('deny')
      expect(e.reasons[0]?.code).toBe('STAGE_FAILED')
    }
  })

  it('passes a rewrite to the later stages and records it', async () => {
    const seen: unknown[] = []
    const e = await runPipeline(
      [
        stage(
          'clamp',
          rewrite(anAction({ args: { sql: 'SELECT 1 LIMIT 10' } }), 'SQL_ROW_LIMIT_APPLIED', 'clamped'),
        ),
        {
          name: 'after',
          check(action) {
            seen.push(action.args['sql'])
            return ALLOW
          },
        },
      ],
      anAction({ args: { sql: 'SELECT 1' } }),
    )
    expect(seen).toEqual(['SELECT 1 LIMIT 10'])
    expect(e.rewritten).toBe(true)
    expect(e.action.args).toEqual({ sql: 'SELECT 1 LIMIT 10' })
    expect(e.reasons).toEqual([{ stage: 'clamp', code: 'SQL_ROW_LIMIT_APPLIED', message: 'clamped' }])
    expect(e.decision).toBe('allow')
  })

  it('stops at the first deny by default but keeps every earlier reason', async () => {
    const e = await runPipeline(
      [stage('a', control('confirm')), stage('b', deny('NOPE', 'no')), stage('c', control('approve'))],
      anAction(),
    )
    expect(e.reasons.map((r) => r.code)).toEqual(['C_confirm', 'NOPE'])
    expect(e.trace).toHaveLength(2)
  })

  it('reports low risk when no stage classified the action', async () => {
    const e = await runPipeline([], anAction())
    expect(e.risk).toBe('low')
  })
})
