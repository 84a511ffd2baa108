import { describe, expect, it } from 'vitest'
import { aRequest } from '../approvals/test-request.js'
import type { Incident } from '../killswitch/incident.js'
import { aRecord, inputsOf } from './test-records.js'
import { buildWeeklyReport } from './weekly-report.js'

const YAML = `
agents:
  reporter:
    permissions: { files: { read: ['/data/public/**'] } }
  quiet:
    permissions: {}
`
const WINDOW = { since: '2026-03-01T00:00:00.000Z', until: '2026-03-08T00:00:00.000Z' }
const at = (iso: string) => Date.parse(iso)

function anIncident(kind: Incident['kind'], agentId: string | undefined, iso: string): Incident {
  return {
    id: `${kind}-${iso}`,
    kind,
    ...(agentId === undefined ? {} : { agentId }),
    reason: 'r',
    actor: 'cli:x',
    at: at(iso),
    origin: 'test',
  }
}

describe('buildWeeklyReport', () => {
  it('counts actions by decision, risk and tool, refusals by code, sessions, and skips outcomes and approval events', async () => {
    const deny = (code: string, session = 's1') =>
      aRecord({ decision: 'deny', sessionId: session, reasons: [{ stage: 'policy', code, message: 'no' }] })
    const records = [
      aRecord({}),
      aRecord({ phase: 'intent', action: 'db.query', risk: 'medium', sessionId: 's2' }),
      aRecord({ phase: 'outcome', action: 'db.query', success: true, sessionId: 's2' }),
      deny('FILES_READ_NOT_ALLOWED'),
      deny('FILES_READ_NOT_ALLOWED', 's3'),
      deny('PATH_TRAVERSAL'),
      aRecord({
        decision: 'pause',
        risk: 'high',
        reasons: [{ stage: 'behavior', code: 'BEHAVIOR_ANOMALY', message: 'odd' }],
      }),
      aRecord({ action: 'approval:requested', decision: 'pending' }),
    ]
    const report = await buildWeeklyReport(inputsOf(records, YAML, { window: WINDOW }))
    const reporter = report.agents.find((a) => a.agent === 'reporter')
    expect(report.audit).toEqual({ records: 8, logRecords: 8, verified: true, problems: [] })
    expect(reporter).toMatchObject({
      configured: true,
      actions: 6,
      sessions: 3,
      byDecision: { allow: 2, deny: 3, pause: 1 },
      byRisk: { high: 1, low: 4, medium: 1 },
      topTools: [
        { tool: 'files.read', count: 5 },
        { tool: 'db.query', count: 1 },
      ],
      denials: {
        count: 4,
        rate: 0.6667,
        topCodes: [
          { code: 'FILES_READ_NOT_ALLOWED', count: 2 },
          { code: 'BEHAVIOR_ANOMALY', count: 1 },
          { code: 'PATH_TRAVERSAL', count: 1 },
        ],
      },
    })
    expect(report.agents.map((a) => a.agent)).toEqual(['quiet', 'reporter'])
    expect(report.totals).toEqual({ actions: 6, denied: 4, agents: 1, sessions: 3 })
  })

  it('summarises approvals of the window with the median time to decide, and incidents per agent', async () => {
    const t0 = at('2026-03-02T10:00:00Z')
    const approvals = [
      aRequest({
        action: { agent: 'reporter', tool: 'x', args: {} },
        createdAt: t0,
        status: 'approved',
        votes: [{ approver: 'a', decision: 'approve', reason: 'ok', at: t0 + 60_000 }],
      }),
      aRequest({
        action: { agent: 'reporter', tool: 'x', args: {} },
        createdAt: t0,
        status: 'consumed',
        votes: [{ approver: 'a', decision: 'approve', reason: 'ok', at: t0 + 180_000 }],
      }),
      aRequest({
        action: { agent: 'reporter', tool: 'x', args: {} },
        createdAt: t0,
        status: 'denied',
        votes: [{ approver: 'b', decision: 'deny', reason: 'no', at: t0 + 120_000 }],
      }),
      aRequest({ action: { agent: 'reporter', tool: 'x', args: {} }, createdAt: t0, status: 'expired' }),
      aRequest({
        action: { agent: 'reporter', tool: 'x', args: {} },
        createdAt: at('2026-02-01T00:00:00Z'),
        status: 'approved',
      }),
    ]
    const incidents = [
      anIncident('paused', 'reporter', '2026-03-03T00:00:00Z'),
      anIncident('resumed', 'reporter', '2026-03-03T01:00:00Z'),
      anIncident('terminated', 'reporter', '2026-03-04T00:00:00Z'),
      anIncident('emergency-stop', undefined, '2026-03-05T00:00:00Z'),
      anIncident('emergency-cleared', undefined, '2026-03-05T01:00:00Z'),
    ]
    const report = await buildWeeklyReport(inputsOf([], YAML, { window: WINDOW, approvals, incidents }))
    const reporter = report.agents.find((a) => a.agent === 'reporter')
    expect(reporter?.approvals).toEqual({
      requested: 4,
      approved: 2,
      denied: 1,
      expired: 1,
      pending: 0,
      medianDecideMs: 120_000,
    })
    expect(reporter?.incidents).toEqual({ paused: 1, resumed: 1, terminated: 1 })
    expect(report.incidents).toEqual({
      emergencyStops: 1,
      emergencyCleared: 1,
      byKind: { 'emergency-cleared': 1, 'emergency-stop': 1, paused: 1, resumed: 1, terminated: 1 },
    })
  })

  it('follows a rollback to its furthest step and files it under the agent whose action it undid', async () => {
    const rb = (phase: 'decision' | 'intent' | 'outcome', success: boolean | null) =>
      aRecord({
        agentId: 'operator:alice',
        action: 'warden.rollback',
        phase,
        success,
        args: { actionId: 'act-9' },
      })
    const records = [rb('decision', null), rb('intent', null), rb('outcome', true)]
    const report = await buildWeeklyReport(
      inputsOf(records, YAML, {
        window: WINDOW,
        agentOfAction: async (id) => (id === 'act-9' ? 'reporter' : undefined),
      }),
    )
    expect(report.rollbacks).toEqual({
      requested: 1,
      completed: 1,
      failed: 0,
      items: [
        {
          target: 'act-9',
          agent: 'reporter',
          operator: 'operator:alice',
          at: '2026-03-02T10:00:00.000Z',
          status: 'completed',
        },
      ],
    })
    expect(report.agents.find((a) => a.agent === 'reporter')?.rollbacks).toBe(1)
    expect(report.agents.some((a) => a.agent === 'operator:alice')).toBe(false)
  })

  it('keeps its keys in a fixed order (stable JSON)', async () => {
    const report = await buildWeeklyReport(inputsOf([aRecord({})], YAML, { window: WINDOW }))
    expect(Object.keys(report)).toEqual([
      'kind',
      'window',
      'generatedAt',
      'audit',
      'totals',
      'agents',
      'incidents',
      'rollbacks',
    ])
  })
})
