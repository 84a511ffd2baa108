import type { ToolResult } from '../tool-source.js'

/** Upper bounds of the call latency histogram, in seconds (Prometheus `le`). */
const BUCKETS_S = Object.freeze([0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30])

/** The decision a tool result carries: a refusal's `structuredContent.decision`, else `allow`. */
export function decisionOf(result: ToolResult): string {
  const s = result.structuredContent
  if (
    result.isError === true &&
    s !== undefined &&
    typeof s['decision'] === 'string' &&
    typeof s['code'] === 'string'
  ) {
    return s['decision']
  }
  return 'allow'
}

/**
 * Counters of the calls the transports saw: by decision and transport, and a latency histogram. Rendered in
 * the Prometheus text format (exposition format 0.0.4) with the kill-switch gauges beside.
 */
export class CallMetrics {
  readonly #calls = new Map<string, number>()
  readonly #buckets = BUCKETS_S.map(() => 0)
  #count = 0
  #sumS = 0

  /** Records one finished call. */
  observe(transport: 'http' | 'stdio', decision: string, seconds: number): void {
    const key = `${transport}\u0000${decision}`
    this.#calls.set(key, (this.#calls.get(key) ?? 0) + 1)
    this.#count += 1
    this.#sumS += seconds
    BUCKETS_S.forEach((le, i) => {
      if (seconds <= le) this.#buckets[i] = (this.#buckets[i] ?? 0) + 1
    })
  }

  /** The counters and histogram as Prometheus text lines. */
  render(): string[] {
    const lines = [
      '# HELP warden_tool_calls_total Tool calls answered, by transport and decision.',
      '# TYPE warden_tool_calls_total counter',
    ]
    for (const [key, n] of [...this.#calls].sort()) {
      const [transport, decision] = key.split('\u0000')
      lines.push(
        `warden_tool_calls_total{transport="${label(transport)}",decision="${label(decision)}"} ${n}`,
      )
    }
    lines.push(
      '# HELP warden_tool_call_duration_seconds Time from a tool call arriving to its answer.',
      '# TYPE warden_tool_call_duration_seconds histogram',
    )
    BUCKETS_S.forEach((le, i) => {
      lines.push(`warden_tool_call_duration_seconds_bucket{le="${le}"} ${this.#buckets[i] ?? 0}`)
    })
    lines.push(
      `warden_tool_call_duration_seconds_bucket{le="+Inf"} ${this.#count}`,
      `warden_tool_call_duration_seconds_sum ${this.#sumS}`,
      `warden_tool_call_duration_seconds_count ${this.#count}`,
    )
    return lines
  }
}

// Label values escape backslash, quote and newline (exposition format).
function label(value: string | undefined): string {
  return (value ?? '').replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')
}
