import type { MonthlyReport } from './monthly-report.js'
import type { PermissionsReport } from './permissions-report.js'
import type { ReportHead } from './report-inputs.js'
import type { WeeklyReport } from './weekly-report.js'

/** Any of the three reports. */
export type Report = WeeklyReport | MonthlyReport | PermissionsReport

const TITLES = {
  weekly: 'Weekly agent action summary',
  monthly: 'Monthly behavioral patterns and anomalies',
  permissions: 'Quarterly agent permission review',
} as const

/**
 * The report as Markdown an auditor can file: the window, the audit log's integrity first (loudly when
 * it failed), then the sections as tables.
 */
export function renderMarkdown(report: Report): string {
  const out = [...head(report)]
  if (report.kind === 'weekly') out.push(...weekly(report))
  else if (report.kind === 'monthly') out.push(...monthly(report))
  else out.push(...permissions(report))
  return `${out.join('\n')}\n`
}

function head(r: ReportHead): string[] {
  const lines = [
    `# ${TITLES[r.kind]}`,
    '',
    `- Window: ${r.window.since} to ${r.window.until}`,
    `- Generated: ${r.generatedAt}`,
    `- Audit records in the window: ${r.audit.records} (log: ${r.audit.logRecords})`,
    '',
  ]
  if (r.audit.verified)
    return [...lines, '**Audit log integrity: verified** (`warden audit verify`: no problems).', '']
  return [
    ...lines,
    '> **WARNING: THE AUDIT LOG FAILED VERIFICATION (REPORT_AUDIT_UNVERIFIED).**',
    '> The figures below come from a log that was tampered with or damaged; do not rely on them.',
    '',
    table(
      ['seq', 'kind', 'message'],
      r.audit.problems.map((p) => [String(p.seq), p.kind, p.message]),
    ),
    '',
  ]
}

function weekly(r: WeeklyReport): string[] {
  const t = r.totals
  const lines = [
    '## Totals',
    '',
    `${t.actions} actions by ${t.agents} agents in ${t.sessions} sessions; ${t.denied} refused.`,
    '',
    '## Agents',
    '',
    table(
      [
        'agent',
        'actions',
        'sessions',
        'decisions',
        'risk',
        'denied',
        'approvals req/ok/no/exp',
        'median decide',
        'paused/terminated',
        'rollbacks',
      ],
      r.agents.map((a) => [
        a.configured ? a.agent : `${a.agent} (not configured)`,
        String(a.actions),
        String(a.sessions),
        pairs(a.byDecision),
        pairs(a.byRisk),
        `${a.denials.count} (${pct(a.denials.rate)})`,
        `${a.approvals.requested}/${a.approvals.approved}/${a.approvals.denied}/${a.approvals.expired}`,
        a.approvals.medianDecideMs === null ? '-' : duration(a.approvals.medianDecideMs),
        `${a.incidents.paused}/${a.incidents.terminated}`,
        String(a.rollbacks),
      ]),
    ),
    '',
    '## Top tools and denial reasons',
    '',
    table(
      ['agent', 'top tools', 'top denial codes'],
      r.agents
        .filter((a) => a.actions > 0)
        .map((a) => [
          a.agent,
          a.topTools.map((x) => `${x.tool} ${x.count}`).join(', '),
          a.denials.topCodes.map((x) => `${x.code} ${x.count}`).join(', ') || '-',
        ]),
    ),
    '',
    '## Incidents and rollbacks',
    '',
    `Emergency stops: ${r.incidents.emergencyStops} (cleared: ${r.incidents.emergencyCleared}). By kind: ${pairs(r.incidents.byKind) || 'none'}.`,
    '',
    `Rollbacks: ${r.rollbacks.requested} requested, ${r.rollbacks.completed} completed, ${r.rollbacks.failed} failed.`,
  ]
  if (r.rollbacks.items.length > 0) {
    lines.push(
      '',
      table(
        ['action', 'agent', 'operator', 'at', 'status'],
        r.rollbacks.items.map((i) => [i.target, i.agent ?? '?', i.operator, i.at, i.status]),
      ),
    )
  }
  return lines
}

function monthly(r: MonthlyReport): string[] {
  const active = r.agents.filter((a) => a.actions > 0)
  return [
    `Working hours: ${r.settings.workHoursUtc} UTC. A session with ${r.settings.probingDenials} or more refusals counts as probing.`,
    '',
    '## Behavioral signals',
    '',
    table(
      ['agent', 'actions', 'denied', 'signals', 'probing sessions', 'out of hours'],
      active.map((a) => [
        a.agent,
        String(a.actions),
        String(a.denials),
        pairs(Object.fromEntries(Object.entries(a.signals).filter(([, n]) => n > 0))) || '-',
        a.probing.top.map((p) => `${p.session} (${p.denials})`).join(', ') || '-',
        `${a.outOfHours.actions} (${pct(a.outOfHours.rate)})`,
      ]),
    ),
    '',
    '## Week by week',
    '',
    table(
      ['agent', ...r.settings.weeks.map((w) => `from ${w.since.slice(0, 10)}`)],
      active.map((a) => [a.agent, ...a.trend.weeks.map((w) => `${w.actions} (${pct(w.denialRate)} denied)`)]),
    ),
    '',
    '## Changed most (earlier half of the window to the later half)',
    '',
    table(
      ['agent', 'measure', 'earlier', 'later', 'change'],
      [
        ...r.changedMost.volume.map((c) => [
          c.agent,
          'actions',
          String(c.earlier),
          String(c.later),
          signed(c.change),
        ]),
        ...r.changedMost.denialRate.map((c) => [
          c.agent,
          'denial rate',
          pct(c.earlier),
          pct(c.later),
          signed(c.change),
        ]),
      ],
    ),
  ]
}

function permissions(r: PermissionsReport): string[] {
  const s = r.summary
  const lines = [
    '## Summary',
    '',
    `${s.agents} agents, ${s.grants} grants: ${s.unused} unused, ${s.broad} broad; ${s.unknownAgents} unknown agents in the log; ${s.findings} findings.`,
    '',
  ]
  for (const a of r.agents) {
    lines.push(
      `## Agent \`${a.agent}\``,
      '',
      `Owner: ${a.owner ?? '**none**'}. Keys: ${a.keys}. Allowed actions: ${a.allowedActions} (${a.unattributed} not attributable to a grant).`,
      '',
      table(
        ['grant', 'used', 'broad'],
        a.grants.map((g) => [
          `\`${g.grant}\``,
          g.used === 0 ? '**0 (unused)**' : String(g.used),
          g.broad ?? '',
        ]),
      ),
      '',
    )
  }
  if (r.unknownAgents.length > 0) {
    lines.push(
      '## Agents in the log that the configuration lacks',
      '',
      table(
        ['agent', 'actions', 'allowed'],
        r.unknownAgents.map((u) => [u.agent, String(u.actions), String(u.allowed)]),
      ),
      '',
    )
  }
  lines.push(
    '## Findings',
    '',
    r.findings.length === 0
      ? 'None.'
      : table(
          ['code', 'agent', 'grant', 'message'],
          r.findings.map((f) => [f.code, f.agent, f.grant ?? '', f.message]),
        ),
  )
  return lines
}

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return '_none_'
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ')
  return [
    `| ${headers.map(cell).join(' | ')} |`,
    `|${headers.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ].join('\n')
}

function pairs(counts: Readonly<Record<string, number>>): string {
  return Object.entries(counts)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ')
}

function pct(ratio: number): string {
  return `${Math.round(ratio * 1000) / 10}%`
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n)
}

function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 60_000) return `${Math.round(ms / 100) / 10} s`
  if (ms < 3_600_000) return `${Math.round(ms / 6000) / 10} min`
  return `${Math.round(ms / 360_000) / 10} h`
}
