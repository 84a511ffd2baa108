import { describe, expect, it } from 'vitest'
import { buildMonthlyReport, outOfHours } from './monthly-report.js'
import { aRecord, inputsOf } from './test-records.js'

const YAML = `
agents:
  steady: { permissions: {} }
  drifter: { permissions: {} }
`
// 28 days from a Monday: four whole weeks, halves of 14 days.
const WINDOW = { since: '2026-03-02T00:00:00.000Z', until: '2026-03-29T23:59:59.999Z' }
const day = (n: number, hour = 10) =>
  new Date(Date.parse(WINDOW.since) + n * 86_400_000 + hour * 3_600_000).toISOString()
const refused = (agentId: string, timestamp: string, code: string, sessionId = 's1') =>
  aRecord({
    agentId,
    timestamp,
    sessionId,
    decision: 'deny',
    reasons: [{ stage: 'behavior', code, message: 'x' }],
  })

describe('buildMonthlyReport', () => {
  it('counts behavior and flow codes, probing sessions and out-of-hours work per agent', async () => {
    const records = [
      refused('drifter', day(1), 'BEHAVIOR_ANOMALY', 'p1'),
      refused('drifter', day(1), 'RATE_LIMITED', 'p1'),
      refused('drifter', day(1), 'FILES_READ_NOT_ALLOWED', 'p1'),
      refused('drifter', day(2), 'FLOW_TRIFECTA', 'p2'),
      aRecord({
        agentId: 'drifter',
        timestamp: day(2, 23),
        decision: 'pause',
        reasons: [{ stage: 'behavior', code: 'IMPACT_BUDGET_EXCEEDED', message: 'x' }],
      }),
      aRecord({ agentId: 'drifter', timestamp: day(5) }), // a Saturday
    ]
    const report = await buildMonthlyReport(inputsOf(records, YAML, { window: WINDOW }))
    const drifter = report.agents.find((a) => a.agent === 'drifter')
    expect(drifter?.signals).toEqual({
      BEHAVIOR_ANOMALY: 1,
      FLOW_CONFIDENTIAL_EGRESS: 0,
      FLOW_TRIFECTA: 1,
      FLOW_UNTRUSTED_EGRESS: 0,
      IMPACT_BUDGET_EXCEEDED: 1,
      RATE_LIMITED: 1,
    })
    expect(drifter?.probing).toEqual({ sessions: 1, top: [{ session: 'p1', denials: 3, distinctCodes: 3 }] })
    expect(drifter?.outOfHours).toEqual({ actions: 2, rate: 0.3333 })
    expect(drifter?.denials).toBe(5)
  })

  it('gives a week-by-week trend and names the agents whose volume and denial rate changed most', async () => {
    const records = [
      ...[0, 1, 8, 9, 15, 16, 22, 23].map((d) => aRecord({ agentId: 'steady', timestamp: day(d) })),
      aRecord({ agentId: 'drifter', timestamp: day(1) }),
      ...[15, 16, 17, 22].map((d) => refused('drifter', day(d), 'BEHAVIOR_ANOMALY', `s${d}`)),
      aRecord({ agentId: 'drifter', timestamp: day(23) }),
    ]
    const report = await buildMonthlyReport(inputsOf(records, YAML, { window: WINDOW }))
    expect(report.settings.weeks.map((w) => w.since.slice(0, 10))).toEqual([
      '2026-03-02',
      '2026-03-09',
      '2026-03-16',
      '2026-03-23',
    ])
    const drifter = report.agents.find((a) => a.agent === 'drifter')
    expect(drifter?.trend.weeks.map((w) => [w.actions, w.denied])).toEqual([
      [1, 0],
      [0, 0],
      [3, 3],
      [2, 1],
    ])
    expect(report.changedMost.volume).toEqual([{ agent: 'drifter', earlier: 1, later: 5, change: 4 }])
    expect(report.changedMost.denialRate).toEqual([{ agent: 'drifter', earlier: 0, later: 0.8, change: 0.8 }])
    expect(report.agents.find((a) => a.agent === 'steady')?.trend.weeks.map((w) => w.actions)).toEqual([
      2, 2, 2, 2,
    ])
  })

  it('reads working hours in UTC, weekends out', () => {
    expect(outOfHours(Date.parse('2026-03-02T07:59:00Z'))).toBe(true)
    expect(outOfHours(Date.parse('2026-03-02T08:00:00Z'))).toBe(false)
    expect(outOfHours(Date.parse('2026-03-02T18:00:00Z'))).toBe(true)
    expect(outOfHours(Date.parse('2026-03-07T12:00:00Z'))).toBe(true)
  })
})
