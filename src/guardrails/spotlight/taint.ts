/** Why a session was tainted: which untrusted source brought suspected instructions into it. */
export interface TaintRecord {
  readonly source: string
  readonly score: number
  readonly families: readonly string[]
  readonly at: string
}

/**
 * Sessions that have read injected-looking data. Once an agent's context holds such text, anything it
 * does next may be steered by it: information-flow rules read `isTainted(session)` to hold back
 * sends, payments and writes. In-process; the gateway keeps one per instance.
 */
export class TaintLedger {
  private readonly records = new Map<string, TaintRecord[]>()

  taint(session: string, record: Omit<TaintRecord, 'at'>, now: Date = new Date()): void {
    const list = this.records.get(session) ?? []
    list.push({ ...record, at: now.toISOString() })
    this.records.set(session, list)
  }

  isTainted(session: string): boolean {
    return (this.records.get(session)?.length ?? 0) > 0
  }

  reasons(session: string): readonly TaintRecord[] {
    return this.records.get(session) ?? []
  }

  clear(session: string): void {
    this.records.delete(session)
  }
}
