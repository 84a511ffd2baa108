import { parseOptions } from '../../cli/args.js'
import { type CliIO, EXIT, write } from '../../cli/io.js'
import { WardenError } from '../../errors/warden-error.js'
import type { AuditFilter } from '../../store/audit-store.js'
import { type QueriedRecord, queryRecords } from '../query-records.js'
import { withAuditContext } from './audit-context.js'

const FILTERS = {
  store: { type: 'string' },
  bus: { type: 'string' },
  agent: { type: 'string' },
  session: { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  tool: { type: 'string' },
  decision: { type: 'string' },
  risk: { type: 'string' },
  phase: { type: 'string' },
  action: { type: 'string' },
  text: { type: 'string' },
  limit: { type: 'string' },
  format: { type: 'string' },
} as const

/**
 * `warden audit query [--agent A] [--session S] [--since T] [--until T] [--tool T] [--decision D]
 * [--risk R] [--phase P] [--action ID] [--text S] [--limit N] [--format jsonl|table]`.
 */
export async function auditQueryCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const { values } = parseOptions(argv, FILTERS)
  const format = values.format ?? 'jsonl'
  if (format !== 'jsonl' && format !== 'table') throw new WardenError('USAGE', '--format is jsonl or table')
  const filter = toFilter(values)
  return withAuditContext(values, io, async ({ store }) => {
    const records = await queryRecords(store.audit, filter)
    if (format === 'jsonl') {
      for (const r of records) await write(io.stdout, `${JSON.stringify(r)}\n`)
    } else {
      await write(io.stdout, table(records))
    }
    return EXIT.ok
  })
}

function toFilter(v: Partial<Record<keyof typeof FILTERS, string>>): AuditFilter {
  const time = (name: string, value: string | undefined) => {
    if (value === undefined) return undefined
    const ms = Date.parse(value)
    if (Number.isNaN(ms)) throw new WardenError('USAGE', `--${name}: not a date or ISO time: ${value}`)
    return new Date(ms).toISOString()
  }
  if (v.limit !== undefined && !/^\d+$/.test(v.limit))
    throw new WardenError('USAGE', '--limit: a whole number')
  const entries: [keyof AuditFilter, unknown][] = [
    ['agentId', v.agent],
    ['sessionId', v.session],
    ['since', time('since', v.since)],
    ['until', time('until', v.until)],
    ['action', v.tool],
    ['decision', v.decision],
    ['risk', v.risk],
    ['phase', v.phase],
    ['actionId', v.action],
    ['text', v.text],
    ['limit', v.limit === undefined ? undefined : Number(v.limit)],
  ]
  return Object.fromEntries(entries.filter(([, value]) => value !== undefined)) as AuditFilter
}

function table(records: readonly QueriedRecord[]): string {
  const head = ['seq', 'time', 'agent', 'session', 'tool', 'phase', 'decision', 'risk', 'status']
  const rows = records.map((r) => [
    String(r.seq),
    r.timestamp,
    r.agentId,
    r.sessionId ?? '',
    r.action,
    r.phase,
    r.decision,
    r.risk,
    r.status ?? (r.success === false ? 'failed' : ''),
  ])
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)))
  const line = (cells: readonly string[]) =>
    `${cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd()}\n`
  return [line(head), ...rows.map(line)].join('')
}
