import type { Action } from '../core/action.js'

/** What the session has let in: content that may carry instructions, and private data by class. */
export type FlowLabel = 'untrusted' | 'confidential' | 'restricted'

/** One label and what put it there (shown in decisions and the audit). */
export interface SessionLabel {
  readonly label: FlowLabel
  readonly source: string
  /** When it was added (ms since the epoch). */
  readonly at: number
}

/**
 * The key labels are kept under: one agent's session (the agent alone when it names none, or when the
 * scope is `agent`).
 */
export function sessionKeyOf(
  action: Pick<Action, 'agent' | 'session'>,
  scope: 'session' | 'agent' = 'session',
): string {
  return `${action.agent}\u0000${scope === 'agent' ? '' : (action.session ?? '')}`
}

const MAX_PER_LABEL = 8
const DEFAULT_IDLE_MS = 24 * 3_600_000

/**
 * The labels of every live session, in this process. Labels only accumulate: nothing an agent does
 * removes them, because a session that has read an injected page stays steerable for its whole life.
 * Sessions idle for `idleMs` (default a day) are forgotten.
 *
 * @example
 * sessions.add(sessionKeyOf(action), [{ label: 'untrusted', source: 'web response from evil.example', at: now }])
 */
export class SessionLabels {
  readonly #sessions = new Map<string, { labels: SessionLabel[]; seen: number }>()
  readonly #idleMs: number
  #lastSweep = 0

  constructor(options: { idleMs?: number } = {}) {
    this.#idleMs = options.idleMs ?? DEFAULT_IDLE_MS
  }

  labelsOf(key: string, now: number = Date.now()): readonly SessionLabel[] {
    const s = this.#sessions.get(key)
    if (s === undefined) return []
    if (now - s.seen > this.#idleMs) {
      this.#sessions.delete(key)
      return []
    }
    return s.labels
  }

  /** Adds labels (one per label and source; the first few sources of each label are kept as evidence). */
  add(key: string, labels: readonly SessionLabel[], now: number = Date.now()): void {
    this.#sweep(now)
    let s = this.#sessions.get(key)
    if (s === undefined) {
      s = { labels: [], seen: now }
      this.#sessions.set(key, s)
    }
    s.seen = Math.max(s.seen, now)
    for (const l of labels) {
      const same = s.labels.filter((x) => x.label === l.label)
      if (same.some((x) => x.source === l.source) || same.length >= MAX_PER_LABEL) continue
      s.labels.push(l)
    }
  }

  /** Marks the session active (an action was checked), so it is not forgotten while in use. */
  touch(key: string, now: number = Date.now()): void {
    const s = this.#sessions.get(key)
    if (s !== undefined) s.seen = Math.max(s.seen, now)
  }

  /** Sessions currently held. */
  get size(): number {
    return this.#sessions.size
  }

  #sweep(now: number): void {
    if (now - this.#lastSweep < this.#idleMs / 24) return
    this.#lastSweep = now
    for (const [key, s] of this.#sessions) if (now - s.seen > this.#idleMs) this.#sessions.delete(key)
  }
}
