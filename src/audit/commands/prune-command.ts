import { parseOptions } from '../../cli/args.js'
import { type CliIO, EXIT, write } from '../../cli/io.js'
import { WardenError } from '../../errors/warden-error.js'
import { AuditLog } from '../audit-log.js'
import { applyRetention, retentionMs } from '../retention.js'
import { withAuditContext } from './audit-context.js'

/**
 * `warden audit prune [--store URL] [--retention 400d]`: seals the log with a checkpoint, then removes
 * the sealed segments older than `audit.retention`. Prints `{"removed","upTo"}`.
 */
export async function auditPruneCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const { values } = parseOptions(argv, {
    store: { type: 'string' },
    bus: { type: 'string' },
    retention: { type: 'string' },
  })
  return withAuditContext(values, io, async ({ store, keyDir, config }) => {
    const retention = values.retention ?? config.audit.retention
    if (retention === undefined)
      throw new WardenError('USAGE', 'no retention: set audit.retention or pass --retention')
    const log = await AuditLog.open(store, { keyDir })
    await log.checkpoint()
    const cutoff = new Date(Date.now() - retentionMs(retention))
    const result = await applyRetention(store.audit, {
      cutoff,
      legalHold: config.audit.legalHold,
      publicKey: log.key.publicKey,
    })
    await write(
      io.stdout,
      `${JSON.stringify({ removed: result.removed, upTo: result.mark?.upTo ?? null })}\n`,
    )
    return EXIT.ok
  })
}
