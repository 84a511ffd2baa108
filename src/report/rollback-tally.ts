import type { RecordFact } from './action-facts.js'

type RollbackFact = Extract<RecordFact, { kind: 'rollback' }>

/** How far a rollback got: refused or waiting for approval, started, restored, or failed while restoring. */
export type RollbackStatus = 'requested' | 'started' | 'completed' | 'failed'

/** One rollback of the window. */
export interface RollbackItem {
  /** The action id that was rolled back. */
  readonly target: string
  /** The agent whose action it was, when the log names it. */
  readonly agent: string | null
  readonly operator: string
  readonly at: string
  readonly status: RollbackStatus
}

export interface RollbackSection {
  readonly requested: number
  readonly completed: number
  readonly failed: number
  readonly items: readonly RollbackItem[]
}

const ORDER: Readonly<Record<RollbackStatus, number>> = { requested: 0, started: 1, completed: 2, failed: 2 }

/** Collects rollbacks by the action they undo (they are rare: kept whole), keeping the furthest step. */
export class RollbackTally {
  readonly #byTarget = new Map<string, { operator: string; at: number; status: RollbackStatus }>()

  add(fact: RollbackFact): void {
    if (fact.target === null) return
    const status: RollbackStatus =
      fact.phase === 'outcome'
        ? fact.success === true
          ? 'completed'
          : 'failed'
        : fact.phase === 'intent'
          ? 'started'
          : 'requested'
    const seen = this.#byTarget.get(fact.target)
    if (seen === undefined || ORDER[status] >= ORDER[seen.status]) {
      this.#byTarget.set(fact.target, { operator: fact.operator, at: fact.at, status })
    }
  }

  async section(agentOf?: (actionId: string) => Promise<string | undefined>): Promise<RollbackSection> {
    const items: RollbackItem[] = []
    for (const [target, r] of [...this.#byTarget].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const agent = agentOf === undefined ? undefined : await agentOf(target)
      items.push({
        target,
        agent: agent ?? null,
        operator: r.operator,
        at: Number.isFinite(r.at) ? new Date(r.at).toISOString() : '',
        status: r.status,
      })
    }
    return {
      requested: items.length,
      completed: items.filter((i) => i.status === 'completed').length,
      failed: items.filter((i) => i.status === 'failed').length,
      items,
    }
  }
}
