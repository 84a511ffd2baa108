import { REFUSED_DECISIONS, recordFact } from './action-facts.js'
import { BEHAVIOR_SIGNAL_CODES } from './behavior-codes.js'
import { type ReportHead, type ReportInputs, reportHead } from './report-inputs.js'
import { REPORT_DEFAULTS, type ReportWindow } from './report-window.js'
import { rate, Tally } from './tally.js'
import { type AgentTrend, type ChangeRow, changedMost, TrendCounter } from './trend.js'

/** A session that ran into the boundaries again and again. */
export interface ProbingSession {
  readonly session: string
  readonly denials: number
  readonly distinctCodes: number
}

/** One agent's month: behavioural signals, probing, out-of-hours work and its week-by-week trend. */
export interface MonthlyAgent {
  readonly agent: string
  readonly configured: boolean
  readonly actions: number
  readonly denials: number
  /** Reason counts of the behavior codes (anomaly, rate limit, budgets, flow), every code listed. */
  readonly signals: Record<string, number>
  readonly probing: { readonly sessions: number; readonly top: readonly ProbingSession[] }
  readonly outOfHours: { readonly actions: number; readonly rate: number }
  readonly trend: AgentTrend
}

/** `warden report monthly`: the seed's "Monthly: analyze behavioral patterns and anomalies". */
export interface MonthlyReport extends ReportHead<'monthly'> {
  readonly settings: {
    readonly workHoursUtc: string
    readonly probingDenials: number
    readonly weeks: readonly ReportWindow[]
  }
  readonly agents: readonly MonthlyAgent[]
  readonly changedMost: { readonly volume: readonly ChangeRow[]; readonly denialRate: readonly ChangeRow[] }
}

class AgentMonth {
  actions = 0
  denials = 0
  outOfHours = 0
  readonly signals = new Tally()
  /** session → denials and their distinct codes. */
  readonly sessions = new Map<string, { denials: number; codes: Set<string> }>()
}

const SIGNALS = new Set(BEHAVIOR_SIGNAL_CODES)

/**
 * Builds the monthly report. Pure over its inputs; records are read once, in order.
 *
 * @example const report = await buildMonthlyReport({ window, generatedAt, records, integrity, incidents, approvals, config })
 */
export async function buildMonthlyReport(inputs: ReportInputs): Promise<MonthlyReport> {
  const months = new Map<string, AgentMonth>()
  const trend = new TrendCounter(inputs.window)
  let records = 0
  for await (const record of inputs.records) {
    records++
    const fact = recordFact(record)
    if (fact.kind !== 'action') continue
    const month = months.get(fact.agent) ?? new AgentMonth()
    months.set(fact.agent, month)
    const refused = REFUSED_DECISIONS.has(fact.decision)
    month.actions++
    trend.add(fact.agent, fact.at, refused)
    if (outOfHours(fact.at)) month.outOfHours++
    for (const code of new Set(fact.codes)) {
      if (SIGNALS.has(code)) month.signals.add(code)
    }
    if (!refused) continue
    month.denials++
    const key = fact.session ?? '(no session)'
    const session = month.sessions.get(key) ?? { denials: 0, codes: new Set<string>() }
    session.denials++
    for (const code of fact.codes) session.codes.add(code)
    month.sessions.set(key, session)
  }
  const ids = [...new Set([...Object.keys(inputs.config.agents), ...months.keys()])].sort()
  const agents = ids.map((agent) =>
    agentMonth(
      agent,
      months.get(agent) ?? new AgentMonth(),
      Object.hasOwn(inputs.config.agents, agent),
      trend,
    ),
  )
  return {
    ...reportHead('monthly', inputs, records),
    settings: {
      workHoursUtc: `${hh(REPORT_DEFAULTS.workdayStartHourUtc)}-${hh(REPORT_DEFAULTS.workdayEndHourUtc)} Mon-Fri`,
      probingDenials: REPORT_DEFAULTS.probingDenials,
      weeks: trend.weeks,
    },
    agents,
    changedMost: changedMost(
      agents.map((a) => a.trend),
      REPORT_DEFAULTS.changedMostN,
    ),
  }
}

function agentMonth(
  agent: string,
  month: AgentMonth,
  configured: boolean,
  trend: TrendCounter,
): MonthlyAgent {
  const probing = [...month.sessions]
    .filter(([, s]) => s.denials >= REPORT_DEFAULTS.probingDenials)
    .map(([session, s]) => ({ session, denials: s.denials, distinctCodes: s.codes.size }))
    .sort((a, b) => b.denials - a.denials || (a.session < b.session ? -1 : a.session > b.session ? 1 : 0))
  const signals: Record<string, number> = {}
  for (const code of BEHAVIOR_SIGNAL_CODES) signals[code] = month.signals.get(code)
  return {
    agent,
    configured,
    actions: month.actions,
    denials: month.denials,
    signals,
    probing: { sessions: probing.length, top: probing.slice(0, REPORT_DEFAULTS.topN) },
    outOfHours: {
      actions: month.outOfHours,
      rate: rate(month.outOfHours, month.actions),
    },
    trend: trend.of(agent),
  }
}

/** Outside working hours (UTC) or on a weekend. */
export function outOfHours(ms: number): boolean {
  if (!Number.isFinite(ms)) return false
  const at = new Date(ms)
  const day = at.getUTCDay()
  const hour = at.getUTCHours()
  return (
    day === 0 ||
    day === 6 ||
    hour < REPORT_DEFAULTS.workdayStartHourUtc ||
    hour >= REPORT_DEFAULTS.workdayEndHourUtc
  )
}

function hh(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`
}
