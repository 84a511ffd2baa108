import { parseOptions } from '../../cli/args.js'
import { type CliIO, EXIT, write } from '../../cli/io.js'
import { AuditLog } from '../audit-log.js'
import { publicKeyPem } from '../signing-key.js'
import { withAuditContext } from './audit-context.js'

/** `warden audit checkpoint [--store URL]`: signs, stores and prints `{size, root, signature, keyId, time}`. */
export async function auditCheckpointCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const { values } = parseOptions(argv, { store: { type: 'string' }, bus: { type: 'string' } })
  return withAuditContext(values, io, async ({ store, keyDir }) => {
    const log = await AuditLog.open(store, { keyDir })
    const cp = await log.checkpoint()
    await log.close()
    const out = { size: cp.size, root: cp.root, signature: cp.signature, keyId: cp.keyId, time: cp.time }
    await write(io.stdout, `${JSON.stringify(out)}\n`)
    return EXIT.ok
  })
}

/** `warden audit public-key [--store URL]`: prints the PEM public key third parties verify with. */
export async function auditPublicKeyCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const { values } = parseOptions(argv, { store: { type: 'string' }, bus: { type: 'string' } })
  return withAuditContext(values, io, async ({ store, keyDir }) => {
    const log = await AuditLog.open(store, { keyDir })
    await write(io.stdout, publicKeyPem(log.key.publicKey))
    return EXIT.ok
  })
}
