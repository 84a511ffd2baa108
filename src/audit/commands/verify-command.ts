import { parseOptions } from '../../cli/args.js'
import { type CliIO, EXIT, write } from '../../cli/io.js'
import { WardenError } from '../../errors/warden-error.js'
import { parseCheckpoint, type SignedCheckpoint } from '../checkpoint.js'
import { verifyLog } from '../verify.js'
import { progressReporter, publicKeyFor, readText, resolveFrom, withAuditContext } from './audit-context.js'

/**
 * `warden audit verify [--store URL] [--checkpoint FILE]... [--public-key FILE]`: stdout
 * `{"ok","records","problems":[{"seq","kind","message"}]}`; exit 0 ok, 2 tampering found, 1 failure.
 */
export async function auditVerifyCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const { values } = parseOptions(argv, {
    store: { type: 'string' },
    bus: { type: 'string' },
    checkpoint: { type: 'string', multiple: true },
    'public-key': { type: 'string' },
  })
  const saved = (values.checkpoint ?? []).map((file) => readCheckpointFile(resolveFrom(io.cwd, file)))
  return withAuditContext(values, io, async ({ store, keyDir }) => {
    const publicKey = publicKeyFor(values['public-key'], keyDir, io.cwd)
    if (publicKey === null) {
      await write(
        io.stderr,
        'warden audit verify: no public key found; checkpoint signatures are not checked\n',
      )
    }
    const onProgress = progressReporter(io, 'verify')
    const report = await verifyLog(store.audit, {
      publicKey,
      checkpoints: saved,
      ...(onProgress === undefined ? {} : { onProgress }),
    })
    await write(io.stdout, `${JSON.stringify(report)}\n`)
    return report.ok ? EXIT.ok : EXIT.denied
  })
}

/** Reads a checkpoint saved from `warden audit checkpoint`. */
export function readCheckpointFile(path: string): SignedCheckpoint {
  const text = readText(path)
  try {
    return parseCheckpoint(JSON.parse(text), path)
  } catch (error) {
    if (error instanceof WardenError) throw error
    throw new WardenError('AUDIT_CHECKPOINT_INVALID', `${path}: not JSON`)
  }
}
