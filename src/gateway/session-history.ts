import type { Decision } from '../core/action.js'
import { redact } from '../guardrails/output/redact.js'
import { scanSensitive } from '../guardrails/output/scan-sensitive.js'

/** One recent action of a session, as an approver sees it beside a request. */
export interface HistoryEntry {
  readonly tool: string
  readonly decision: Decision
  /** ISO time of the decision. */
  readonly at: string
  /** The arguments in one short line, PII and secrets redacted. */
  readonly args: string
}

const LIMITS = Object.freeze({ maxSessions: 1_000, maxEntries: 50, argsChars: 200, valueChars: 60 })

/**
 * The last few decisions of each session, kept in memory for approval requests ("recent session history").
 * Bounded twice: entries per session and sessions overall (the oldest session is dropped), and every
 * argument summary is capped, so an agent cannot grow it. Redaction runs when history is read, which only
 * an approval request does, so the hot path pays for a short string and nothing else.
 */
export class SessionHistory {
  // Times kept as numbers and formatted when read: recording stays cheap on every call.
  readonly #sessions = new Map<string, Array<Omit<HistoryEntry, 'at'> & { at: number }>>()
  readonly #entries: number

  /** Keeps at most `entries` decisions per session (capped at 50). */
  constructor(entries: number = LIMITS.maxEntries) {
    this.#entries = Math.max(0, Math.min(entries, LIMITS.maxEntries))
  }

  /** Remembers one decision of `agent`'s `session`. */
  record(
    agent: string,
    session: string,
    entry: { tool: string; decision: Decision; at: number; args: unknown },
  ): void {
    if (this.#entries === 0) return
    const key = sessionKey(agent, session)
    const list = this.#sessions.get(key) ?? []
    this.#sessions.delete(key) // re-inserted last: Map order is the eviction order
    list.push({
      tool: entry.tool.slice(0, 200),
      decision: entry.decision,
      at: entry.at,
      args: summarize(entry.args),
    })
    if (list.length > this.#entries) list.splice(0, list.length - this.#entries)
    this.#sessions.set(key, list)
    if (this.#sessions.size > LIMITS.maxSessions) {
      const oldest = this.#sessions.keys().next().value
      if (oldest !== undefined) this.#sessions.delete(oldest)
    }
  }

  /** The session's last `count` decisions, oldest first, with PII and secrets redacted. */
  recent(agent: string, session: string, count: number): HistoryEntry[] {
    if (count <= 0) return []
    const list = (this.#sessions.get(sessionKey(agent, session)) ?? []).slice(-count)
    return list.map((e) => ({
      ...e,
      at: new Date(e.at).toISOString(),
      args: redact(e.args, scanSensitive(e.args)),
    }))
  }
}

function sessionKey(agent: string, session: string): string {
  return JSON.stringify([agent, session])
}

/** `{to: "acct-9", amount: 50000}` → `to="acct-9" amount=50000`, each value and the whole line capped. */
export function summarize(args: unknown): string {
  if (args === null || typeof args !== 'object' || Array.isArray(args))
    return cap(valueText(args), LIMITS.argsChars)
  let out = ''
  for (const key in args as Record<string, unknown>) {
    if (!Object.hasOwn(args, key)) continue
    const part = `${cap(key, 40)}=${cap(valueText((args as Record<string, unknown>)[key]), LIMITS.valueChars)}`
    out = out === '' ? part : `${out} ${part}`
    if (out.length >= LIMITS.argsChars) break
  }
  return cap(out, LIMITS.argsChars)
}

function valueText(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.slice(0, LIMITS.valueChars + 1))
  if (value === null || typeof value !== 'object') return String(value)
  return Array.isArray(value) ? `[${value.length} items]` : '{…}'
}

function cap(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}
