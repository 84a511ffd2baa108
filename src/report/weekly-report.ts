import type { Incident } from '../killswitch/incident.js'
import { REFUSED_DECISIONS, recordFact } from './action-facts.js'
import { type ApprovalSummary, NO_APPROVALS, summariseApprovals } from './approval-summary.js'
import { inWindow, type ReportHead, type ReportInputs, reportHead } from './report-inputs.js'
import { REPORT_DEFAULTS } from './report-window.js'
import { type RollbackSection, RollbackTally } from './rollback-tally.js'
import { rate, Tally } from './tally.js'

/** One agent's week: what it did, what was refused and why, and what people had to do about it. */
export interface WeeklyAgent {
  readonly agent: string
  readonly configured: boolean
  readonly actions: number
  readonly sessions: number
  readonly byDecision: Record<string, number>
  readonly byRisk: Record<string, number>
  readonly topTools: { tool: string; count: number }[]
  readonly denials: {
    readonly count: number
    readonly rate: number
    readonly topCodes: { code: string; count: number }[]
  }
  readonly approvals: ApprovalSummary
  readonly incidents: { readonly paused: number; readonly resumed: number; readonly terminated: number }
  readonly rollbacks: number
}

/** `warden report weekly`: the seed's "Weekly: review agent action summaries". */
export interface WeeklyReport extends ReportHead<'weekly'> {
  readonly totals: {
    readonly actions: number
    readonly denied: number
    readonly agents: number
    readonly sessions: number
  }
  readonly agents: readonly WeeklyAgent[]
  readonly incidents: {
    readonly emergencyStops: number
    readonly emergencyCleared: number
    readonly byKind: Record<string, number>
  }
  readonly rollbacks: RollbackSection
}

class AgentWeek {
  actions = 0
  denied = 0
  readonly sessions = new Set<string>()
  readonly decisions = new Tally()
  readonly risks = new Tally()
  readonly tools = new Tally()
  readonly codes = new Tally()
}

/**
 * Builds the weekly report from the window's records, incidents and approvals. Pure: it reads only its
 * inputs (records are consumed once, in order).
 *
 * @example const report = await buildWeeklyReport({ window, generatedAt, records, integrity, incidents, approvals, config })
 */
export async function buildWeeklyReport(inputs: ReportInputs): Promise<WeeklyReport> {
  const weeks = new Map<string, AgentWeek>()
  const rollbacks = new RollbackTally()
  let records = 0
  for await (const record of inputs.records) {
    records++
    const fact = recordFact(record)
    if (fact.kind === 'rollback') rollbacks.add(fact)
    if (fact.kind !== 'action') continue
    const week = weeks.get(fact.agent) ?? new AgentWeek()
    weeks.set(fact.agent, week)
    week.actions++
    if (fact.session !== null) week.sessions.add(fact.session)
    week.decisions.add(fact.decision)
    week.risks.add(fact.risk)
    week.tools.add(fact.tool)
    if (REFUSED_DECISIONS.has(fact.decision)) {
      week.denied++
      for (const code of new Set(fact.codes)) week.codes.add(code)
    }
  }
  const rollbackSection = await rollbacks.section(inputs.agentOfAction)
  const approvals = summariseApprovals(inputs.approvals.filter((r) => inWindow(inputs.window, r.createdAt)))
  const incidents = inputs.incidents.filter((i) => inWindow(inputs.window, i.at))
  const ids = new Set([...Object.keys(inputs.config.agents), ...weeks.keys(), ...approvals.keys()])
  for (const i of incidents) if (i.agentId !== undefined) ids.add(i.agentId)
  const agents = [...ids].sort().map((agent) =>
    agentWeek(agent, weeks.get(agent) ?? new AgentWeek(), {
      configured: Object.hasOwn(inputs.config.agents, agent),
      approvals: approvals.get(agent) ?? NO_APPROVALS,
      incidents: incidents.filter((i) => i.agentId === agent),
      rollbacks: rollbackSection.items.filter((r) => r.agent === agent).length,
    }),
  )
  const byKind = new Tally()
  for (const i of incidents) byKind.add(i.kind)
  return {
    ...reportHead('weekly', inputs, records),
    totals: {
      actions: agents.reduce((n, a) => n + a.actions, 0),
      denied: agents.reduce((n, a) => n + a.denials.count, 0),
      agents: agents.filter((a) => a.actions > 0).length,
      sessions: agents.reduce((n, a) => n + a.sessions, 0),
    },
    agents,
    incidents: {
      emergencyStops: byKind.get('emergency-stop'),
      emergencyCleared: byKind.get('emergency-cleared'),
      byKind: byKind.toObject(),
    },
    rollbacks: rollbackSection,
  }
}

function agentWeek(
  agent: string,
  week: AgentWeek,
  extra: {
    configured: boolean
    approvals: ApprovalSummary
    incidents: readonly Incident[]
    rollbacks: number
  },
): WeeklyAgent {
  const kinds = (kind: string) => extra.incidents.filter((i) => i.kind === kind).length
  return {
    agent,
    configured: extra.configured,
    actions: week.actions,
    sessions: week.sessions.size,
    byDecision: week.decisions.toObject(),
    byRisk: week.risks.toObject(),
    topTools: week.tools.top(REPORT_DEFAULTS.topN, 'tool'),
    denials: {
      count: week.denied,
      rate: rate(week.denied, week.actions),
      topCodes: week.codes.top(REPORT_DEFAULTS.topN, 'code'),
    },
    approvals: extra.approvals,
    incidents: { paused: kinds('paused'), resumed: kinds('resumed'), terminated: kinds('terminated') },
    rollbacks: extra.rollbacks,
  }
}
