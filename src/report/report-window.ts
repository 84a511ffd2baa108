import { WardenError } from '../errors/warden-error.js'

/** The three reports of the seed's "Regular Audits", by the period each one covers. */
export const REPORT_KINDS = ['weekly', 'monthly', 'permissions'] as const
export type ReportKind = (typeof REPORT_KINDS)[number]

/** Defaults of the reports, one frozen table with units in the names. */
export const REPORT_DEFAULTS = Object.freeze({
  weeklyWindowDays: 7,
  monthlyWindowDays: 30,
  permissionsWindowDays: 90,
  /** Audit rows read per page: reports stream the log, never load it whole. */
  pageSize: 5_000,
  /** How many tools and reason codes each agent's top lists keep. */
  topN: 5,
  /** Denials in one session from which the session counts as probing the boundaries. */
  probingDenials: 3,
  /** Working hours in UTC, [start, end): actions outside them, or on Saturday and Sunday, are out of hours. */
  workdayStartHourUtc: 8,
  workdayEndHourUtc: 18,
  /** How many agents the monthly "changed most" lists name. */
  changedMostN: 5,
})

const DAY_MS = 86_400_000

/** Each kind's default window length. */
const WINDOW_DAYS: Readonly<Record<ReportKind, number>> = {
  weekly: REPORT_DEFAULTS.weeklyWindowDays,
  monthly: REPORT_DEFAULTS.monthlyWindowDays,
  permissions: REPORT_DEFAULTS.permissionsWindowDays,
}

/** The period a report covers: ISO timestamps, both inclusive (as the audit store's filter reads them). */
export interface ReportWindow {
  readonly since: string
  readonly until: string
}

/**
 * The window of a report: `--since`/`--until` when given, else the kind's default length ending at `now`.
 * Throws REPORT_WINDOW_INVALID on a time that does not parse or a window that ends before it starts.
 *
 * @example reportWindow('weekly', {}, Date.parse('2026-03-08T00:00:00Z')) // { since: '2026-03-01T…', until: '2026-03-08T…' }
 */
export function reportWindow(
  kind: ReportKind,
  options: { since?: string | undefined; until?: string | undefined },
  now: number,
): ReportWindow {
  const until = options.until === undefined ? now : parseTime('until', options.until)
  const days = WINDOW_DAYS[kind]
  const since = options.since === undefined ? until - days * DAY_MS : parseTime('since', options.since)
  if (since > until) {
    throw new WardenError(
      'REPORT_WINDOW_INVALID',
      `--since (${new Date(since).toISOString()}) is after --until (${new Date(until).toISOString()})`,
    )
  }
  return { since: new Date(since).toISOString(), until: new Date(until).toISOString() }
}

function parseTime(name: string, text: string): number {
  // Date.parse accepts "1" or "March" in some engines: ask for something that starts like an ISO date.
  const ms = /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : Number.NaN
  if (Number.isNaN(ms)) throw new WardenError('REPORT_WINDOW_INVALID', `--${name}: not an ISO time: ${text}`)
  return ms
}
