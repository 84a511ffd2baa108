import { describe, expect, it } from 'vitest'
import type { Action } from '../../core/action.js'
import { ANOMALY_DEFAULTS } from './anomaly-defaults.js'
import type { AnomalyKind } from './anomaly-finding.js'
import { assessAttempt } from './assess.js'
import { featuresOf } from './features.js'
import { learnExecuted, observeDenial } from './observe.js'
import { type AgentProfile, newProfile } from './profile.js'
import { syntheticWorkload } from './synthetic-agent.js'

const WARMUP = ANOMALY_DEFAULTS.warmupActions
const act = (tool: string, args: Record<string, unknown>): Action => ({ agent: 'reporter', tool, args })

/** A profile trained on `n` normal actions, and the time of the last one. */
function trained(n: number): { profile: AgentProfile; last: number } {
  const work = syntheticWorkload(n)
  const profile = newProfile(work[0]?.at ?? 0)
  for (const { action, at } of work) {
    assessAttempt(profile, featuresOf(action, at), at, WARMUP)
    learnExecuted(profile, featuresOf(action, at))
  }
  return { profile, last: work.at(-1)?.at ?? 0 }
}

const kinds = (profile: AgentProfile, action: Action, at: number): AnomalyKind[] =>
  assessAttempt(profile, featuresOf(action, at), at, WARMUP).findings.map((f) => f.kind)

// The middle of a working day a little after the training ends (same hours the agent works).
const workHour = (last: number) => {
  const d = new Date(last)
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1, 11)
}

describe('anomaly detectors after warm-up', () => {
  it('flag a tool the agent has never used (new_tool)', () => {
    const { profile, last } = trained(5_000)
    expect(
      kinds(profile, act('payments.transfer', { to: 'x', amount: 5, currency: 'EUR' }), workHour(last)),
    ).toContain('new_tool')
  })

  it('flag a destination host never sent to (new_destination)', () => {
    const { profile, last } = trained(5_000)
    expect(
      kinds(profile, act('http.request', { method: 'GET', url: 'https://evil.example/x' }), workHour(last)),
    ).toContain('new_destination')
  })

  it('flag a path prefix and a table never touched (new_prefix)', () => {
    const { profile, last } = trained(5_000)
    expect(kinds(profile, act('files.read', { path: '/data/hr/salaries.csv' }), workHour(last))).toContain(
      'new_prefix',
    )
    expect(kinds(profile, act('db.query', { sql: 'SELECT * FROM payroll' }), workHour(last) + 1)).toContain(
      'new_prefix',
    )
  })

  it('flag a transition the agent never makes (unusual_sequence)', () => {
    const { profile, last } = trained(5_000)
    const t = workHour(last)
    kinds(profile, act('files.list', { path: '/data/public' }), t)
    expect(
      kinds(
        profile,
        act('email.send', { to: ['team@corp.example'], subject: 'Daily report', body: 'y'.repeat(500) }),
        t + 1,
      ),
    ).toContain('unusual_sequence')
  })

  it('flag a burst far above the usual rate per minute (burst)', () => {
    const { profile, last } = trained(5_000)
    const t = workHour(last)
    const seen = new Set<AnomalyKind>()
    for (let i = 0; i < 40; i++)
      for (const k of kinds(
        profile,
        act('files.read', { path: `/data/public/sales-${i}.csv` }),
        t + i * 1000,
      ))
        seen.add(k)
    expect(seen).toContain('burst')
  })

  it('flag arguments far larger than usual for the tool (argument_size)', () => {
    const { profile, last } = trained(5_000)
    const sql = `SELECT id FROM orders WHERE id IN (${Array.from({ length: 3000 }, (_, i) => i).join(',')})`
    expect(kinds(profile, act('db.query', { sql }), workHour(last))).toContain('argument_size')
  })

  it('flag activity at an hour the agent never works (unusual_hour)', () => {
    const { profile, last } = trained(8_000)
    const d = new Date(last)
    const night = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1, 3)
    expect(kinds(profile, act('files.read', { path: '/data/public/sales-1.csv' }), night)).toContain(
      'unusual_hour',
    )
  })

  it('flag the same call made over and over (loop)', () => {
    const { profile, last } = trained(500)
    const t = workHour(last)
    const found = [1, 2, 3, 4, 5].map((i) =>
      kinds(profile, act('files.read', { path: '/data/public/a.csv' }), t + i * 10_000),
    )
    expect(found.slice(0, 4).flat()).not.toContain('loop')
    expect(found[4]).toContain('loop')
  })

  it('flag repeated refusals (probing)', () => {
    const { profile, last } = trained(500)
    const t = workHour(last)
    observeDenial(profile, t)
    observeDenial(profile, t + 1_000)
    expect(kinds(profile, act('files.list', { path: '/data/public' }), t + 2_000)).not.toContain('probing')
    observeDenial(profile, t + 3_000)
    expect(kinds(profile, act('files.list', { path: '/data/public' }), t + 4_000)).toContain('probing')
  })
})

describe('anomaly detectors during warm-up', () => {
  it('stay quiet about novelty until the agent has a baseline', () => {
    const { profile, last } = trained(WARMUP - 10)
    const t = workHour(last)
    expect(kinds(profile, act('payments.transfer', { to: 'x', amount: 5 }), t)).toEqual([])
    expect(
      kinds(profile, act('http.request', { method: 'GET', url: 'https://evil.example/' }), t + 1),
    ).toEqual([])
  })

  it('do not learn refused attempts: a tool tried but never executed stays new', () => {
    const { profile, last } = trained(2_000)
    const t = workHour(last)
    for (let i = 0; i < 3; i++)
      expect(kinds(profile, act('payments.transfer', { to: 'x', amount: i }), t + i * 60_000)).toContain(
        'new_tool',
      )
  })
})

describe('anomaly detectors on a long normal workload', () => {
  it('raise few false alarms: under 1% of 10,000 normal actions reach the review threshold', () => {
    // Bound: novelty alarms fire once per new key (≤ 6 tools, 3 destinations, ~6 prefixes, ≤ 20 allowed
    // transitions, so ≤ 35 one-offs = 0.35%), and the burst z > 4 tail of a Poisson(3) minute is ~0.1%:
    // together well under 1%, while one alarm in a hundred actions would make reviewers stop reading.
    const work = syntheticWorkload(10_000, 11)
    const profile = newProfile(work[0]?.at ?? 0)
    let alarms = 0
    let judged = 0
    const byKind = new Map<string, number>()
    for (const { action, at } of work) {
      const a = assessAttempt(profile, featuresOf(action, at), at, WARMUP)
      if (profile.learned >= WARMUP) {
        judged++
        if (a.score >= ANOMALY_DEFAULTS.reviewAt) {
          alarms++
          for (const f of a.findings) byKind.set(f.kind, (byKind.get(f.kind) ?? 0) + 1)
        }
      }
      learnExecuted(profile, featuresOf(action, at))
    }
    const rate = alarms / judged
    console.log(
      `anomaly false alarms: ${alarms} of ${judged} normal actions (${(rate * 100).toFixed(2)}%)`,
      Object.fromEntries(byKind),
    )
    expect(judged).toBeGreaterThan(9_000)
    expect(rate).toBeLessThan(0.01)
  })
})
