import { text } from 'node:stream/consumers'
import { parseOptions } from '../../cli/args.js'
import { type CliIO, EXIT, write } from '../../cli/io.js'
import { WardenError } from '../../errors/warden-error.js'
import { AuditLog } from '../audit-log.js'
import { proveConsistency, verifyConsistencyBundle } from '../consistency.js'
import { proveRecord, verifyProofBundle } from '../prove.js'
import { readPublicKey } from '../signing-key.js'
import { readText, resolveFrom, withAuditContext } from './audit-context.js'
import { readCheckpointFile } from './verify-command.js'

/** `warden audit prove SEQ [--store URL]`: a fresh signed checkpoint and the inclusion proof of SEQ. */
export async function auditProveCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions(
    argv,
    { store: { type: 'string' }, bus: { type: 'string' } },
    true,
  )
  const [arg, ...extra] = positionals
  if (arg === undefined || extra.length > 0 || !/^\d+$/.test(arg)) {
    throw new WardenError('USAGE', 'usage: warden audit prove SEQ [--store URL] [--bus URL]')
  }
  return withAuditContext(values, io, async ({ store, keyDir }) => {
    const log = await AuditLog.open(store, { keyDir })
    const checkpoint = await log.checkpoint()
    const bundle = await proveRecord(store.audit, Number(arg), checkpoint)
    await write(io.stdout, `${JSON.stringify(bundle)}\n`)
    return EXIT.ok
  })
}

/**
 * `warden audit consistency --from FILE [--store URL]`: a fresh signed checkpoint and the proof that the
 * saved checkpoint in FILE is a prefix of it (the log only grew: no rollback, no fork).
 */
export async function auditConsistencyCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const { values } = parseOptions(argv, {
    store: { type: 'string' },
    bus: { type: 'string' },
    from: { type: 'string' },
  })
  if (values.from === undefined)
    throw new WardenError('USAGE', 'consistency needs --from FILE (a saved checkpoint)')
  const from = values.from
  return withAuditContext(values, io, async ({ store, keyDir }) => {
    const old = readCheckpointFile(resolveFrom(io.cwd, from))
    const log = await AuditLog.open(store, { keyDir })
    const bundle = await proveConsistency(store.audit, old, await log.checkpoint())
    await write(io.stdout, `${JSON.stringify(bundle)}\n`)
    return EXIT.ok
  })
}

/**
 * `warden audit check-proof --public-key FILE [--proof FILE]`: a third party's check of a bundle from
 * `prove` or `consistency` (stdin by default), with no access to the log. `{"ok","reason"}`; exit 0 valid, 2 not.
 */
export async function auditCheckProofCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const { values } = parseOptions(argv, { 'public-key': { type: 'string' }, proof: { type: 'string' } })
  const keyFile = values['public-key']
  if (keyFile === undefined) throw new WardenError('USAGE', 'check-proof needs --public-key FILE')
  const publicKey = readPublicKey(readText(resolveFrom(io.cwd, keyFile)))
  const raw = values.proof === undefined ? await text(io.stdin) : readText(resolveFrom(io.cwd, values.proof))
  let bundle: unknown
  try {
    bundle = JSON.parse(raw)
  } catch {
    throw new WardenError('AUDIT_PROOF_INVALID', 'the proof is not JSON')
  }
  const isConsistency = typeof bundle === 'object' && bundle !== null && 'old' in bundle
  const result = isConsistency
    ? verifyConsistencyBundle(bundle, publicKey)
    : verifyProofBundle(bundle, publicKey)
  await write(io.stdout, `${JSON.stringify(result)}\n`)
  return result.ok ? EXIT.ok : EXIT.denied
}
