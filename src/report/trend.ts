import type { ReportWindow } from './report-window.js'
import { rate } from './tally.js'

const WEEK_MS = 7 * 86_400_000

/** One week of one agent. */
export interface TrendWeek {
  readonly since: string
  readonly actions: number
  readonly denied: number
  readonly denialRate: number
}

/** An agent's weeks, and its two halves of the window compared. */
export interface AgentTrend {
  readonly agent: string
  readonly weeks: readonly TrendWeek[]
  readonly earlier: { readonly actions: number; readonly denialRate: number }
  readonly later: { readonly actions: number; readonly denialRate: number }
}

/** One line of a "changed most" list: the earlier and later half of the window and the difference. */
export interface ChangeRow {
  readonly agent: string
  readonly earlier: number
  readonly later: number
  readonly change: number
}

/**
 * Counts actions and refusals per agent in 7-day buckets from the window's start (the last may be
 * shorter), and in the window's two halves: halves compare like with like when the last week is partial.
 */
export class TrendCounter {
  readonly weeks: readonly ReportWindow[]
  readonly #since: number
  readonly #middle: number
  readonly #counts = new Map<string, { weeks: Cell[]; halves: [Cell, Cell] }>()

  constructor(window: ReportWindow) {
    this.#since = Date.parse(window.since)
    const until = Date.parse(window.until)
    this.#middle = this.#since + (until - this.#since) / 2
    const weeks: ReportWindow[] = []
    for (let start = this.#since; start <= until && weeks.length < 1000; start += WEEK_MS) {
      const end = Math.min(start + WEEK_MS - 1, until)
      weeks.push({ since: new Date(start).toISOString(), until: new Date(end).toISOString() })
    }
    this.weeks = weeks
  }

  add(agent: string, at: number, refused: boolean): void {
    const counts = this.#counts.get(agent) ?? {
      weeks: this.weeks.map(emptyCell),
      halves: [emptyCell(), emptyCell()],
    }
    this.#counts.set(agent, counts)
    if (!Number.isFinite(at)) return
    const week = counts.weeks[Math.floor((at - this.#since) / WEEK_MS)]
    const half = counts.halves[at < this.#middle ? 0 : 1]
    for (const cell of week === undefined ? [half] : [week, half]) {
      cell.actions++
      if (refused) cell.denied++
    }
  }

  of(agent: string): AgentTrend {
    const counts = this.#counts.get(agent)
    const pair = ({ actions, denied }: Cell = emptyCell()) => ({ actions, denialRate: rate(denied, actions) })
    return {
      agent,
      weeks: this.weeks.map((w, i) => {
        const { actions, denied } = counts?.weeks[i] ?? emptyCell()
        return { since: w.since, actions, denied, denialRate: rate(denied, actions) }
      }),
      earlier: pair(counts?.halves[0]),
      later: pair(counts?.halves[1]),
    }
  }
}

/** Actions and refusals counted in one week or half of the window. */
interface Cell {
  actions: number
  denied: number
}

function emptyCell(): Cell {
  return { actions: 0, denied: 0 }
}

/** The agents whose volume and denial rate moved most between the window's halves (largest |change| first). */
export function changedMost(
  trends: readonly AgentTrend[],
  n: number,
): { volume: ChangeRow[]; denialRate: ChangeRow[] } {
  const rank = (pick: (side: AgentTrend['earlier']) => number) =>
    trends
      .map((t) => {
        const earlier = pick(t.earlier)
        const later = pick(t.later)
        return { agent: t.agent, earlier, later, change: Math.round((later - earlier) * 10_000) / 10_000 }
      })
      .filter((row) => row.change !== 0)
      .sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || (a.agent < b.agent ? -1 : 1))
      .slice(0, n)
  return { volume: rank((s) => s.actions), denialRate: rank((s) => s.denialRate) }
}
