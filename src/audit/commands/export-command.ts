import { parseOptions } from '../../cli/args.js'
import { type CliIO, EXIT, write } from '../../cli/io.js'
import { WardenError } from '../../errors/warden-error.js'
import { toOcsf } from '../ocsf.js'
import { decodeRecord } from '../record.js'
import { progressReporter, withAuditContext } from './audit-context.js'

const PAGE = 5_000

/** `warden audit export --format jsonl|ocsf [--store URL]`: every record, streamed, in seq order. */
export async function auditExportCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const { values } = parseOptions(argv, {
    store: { type: 'string' },
    bus: { type: 'string' },
    format: { type: 'string' },
  })
  const format = values.format ?? 'jsonl'
  if (format !== 'jsonl' && format !== 'ocsf') throw new WardenError('USAGE', '--format is jsonl or ocsf')
  return withAuditContext(values, io, async ({ store }) => {
    const total = await store.audit.count()
    const progress = progressReporter(io, 'export')
    let done = 0
    for (let from = 0; ; ) {
      const rows = await store.audit.scan(from, PAGE)
      if (rows.length === 0) break
      const lines = rows.map((row) => {
        const record = { ...decodeRecord(row.body), leafHash: row.leafHash }
        return JSON.stringify(format === 'ocsf' ? toOcsf(record) : record)
      })
      await write(io.stdout, `${lines.join('\n')}\n`)
      done += rows.length
      progress?.(done, total)
      from = (rows[rows.length - 1]?.seq ?? from) + 1
    }
    return EXIT.ok
  })
}
