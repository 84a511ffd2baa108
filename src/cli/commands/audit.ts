import { auditCheckpointCommand, auditPublicKeyCommand } from '../../audit/commands/checkpoint-command.js'
import { auditExportCommand } from '../../audit/commands/export-command.js'
import {
  auditCheckProofCommand,
  auditConsistencyCommand,
  auditProveCommand,
} from '../../audit/commands/prove-command.js'
import { auditPruneCommand } from '../../audit/commands/prune-command.js'
import { auditQueryCommand } from '../../audit/commands/query-command.js'
import { auditVerifyCommand } from '../../audit/commands/verify-command.js'
import { WardenError } from '../../errors/warden-error.js'
import { type CliIO, type CommandEntry, EXIT, write } from '../io.js'

const SUBCOMMANDS: Readonly<Record<string, CommandEntry>> = Object.freeze({
  verify: {
    run: auditVerifyCommand,
    summary: 'check the log: [--store URL] [--checkpoint FILE] [--public-key FILE]',
  },
  checkpoint: { run: auditCheckpointCommand, summary: 'sign and print {size, root, signature, keyId, time}' },
  prove: {
    run: auditProveCommand,
    summary: 'SEQ: inclusion proof of a record against a fresh signed checkpoint',
  },
  consistency: {
    run: auditConsistencyCommand,
    summary: '--from FILE: proof that a saved checkpoint is a prefix of the log now',
  },
  'check-proof': {
    run: auditCheckProofCommand,
    summary: 'verify a proof bundle with --public-key FILE only',
  },
  query: {
    run: auditQueryCommand,
    summary: 'records by --agent --session --since --until --tool --decision --risk --text',
  },
  export: { run: auditExportCommand, summary: 'every record: --format jsonl|ocsf' },
  'public-key': { run: auditPublicKeyCommand, summary: 'print the PEM public key that verifies checkpoints' },
  prune: { run: auditPruneCommand, summary: 'remove sealed segments older than audit.retention' },
})

// DESIGN.md: every command that touches state takes --store and --bus; the log publishes nothing on the bus.
const STATE_NOTE =
  'Every subcommand but check-proof takes --config FILE, --store URL and --bus URL;\n' +
  '--bus is checked but unused (the audit log publishes nothing on the bus).\n'

/** `warden audit <subcommand>`: the tamper-evident audit log from the command line. */
export async function auditCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === 'help' || name === '--help') {
    const lines = Object.entries(SUBCOMMANDS).map(([n, c]) => `  audit ${n.padEnd(12)} ${c.summary}`)
    await write(
      io.stdout,
      `usage: warden audit <subcommand> [options]\n\n${lines.join('\n')}\n\n${STATE_NOTE}`,
    )
    return name === undefined ? EXIT.failure : EXIT.ok
  }
  const entry = SUBCOMMANDS[name]
  if (entry === undefined) throw new WardenError('USAGE', `unknown audit subcommand: ${name}`)
  return entry.run(rest, io)
}
