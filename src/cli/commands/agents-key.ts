import { WardenError } from '../../errors/warden-error.js'
import { newSecret } from '../../gateway/auth/new-secret.js'
import { parseOptions } from '../args.js'
import { loadCliConfig } from '../config-option.js'
import { type CliIO, EXIT, write } from '../io.js'

/**
 * `warden agents key ID`: prints a new random agent key on the first line of stdout and its `sha256:` hash
 * on the second (the line to paste under `agents.ID.keys`). Warden never stores the key itself, so this is
 * the only time it is shown. Notes go to stderr, so `warden agents key reporter | head -1` is just the key.
 */
export async function agentsKeyCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions(argv, {}, true)
  const [agentId, ...extra] = positionals
  if (agentId === undefined || extra.length > 0 || agentId.trim() === '') {
    throw new WardenError('USAGE', 'usage: warden agents key ID [--config FILE]')
  }
  const loaded = loadCliConfig(values, io)
  const made = newSecret('wdn_agent_')
  if (!Object.hasOwn(loaded.config.agents, agentId)) {
    await write(
      io.stderr,
      `warden: note: ${loaded.file} has no agent "${agentId}" yet; add it before using the key\n`,
    )
  }
  await write(io.stdout, `${made.secret}\n${made.hash}\n`)
  await write(
    io.stderr,
    `warden: give the agent the key (Authorization: Bearer <key>); paste the hash under agents.${agentId}.keys:\n` +
      `  keys: ['${made.hash}']\n`,
  )
  return EXIT.ok
}
