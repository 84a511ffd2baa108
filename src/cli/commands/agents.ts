import { userInfo } from 'node:os'
import { WardenError } from '../../errors/warden-error.js'
import { killSwitchEnvOptions, openLocalKillSwitch } from '../../killswitch/open-local.js'
import { parseOptions } from '../args.js'
import { busUrlOf, loadCliConfig, storeUrlOf } from '../config-option.js'
import { type CliIO, EXIT, write } from '../io.js'
import { agentsKeyCommand } from './agents-key.js'

const USAGE =
  'usage: warden agents pause|resume|terminate ID --reason TEXT [--actor NAME] [--store URL] [--bus URL]\n' +
  '       warden agents list [--store URL] [--bus URL]\n' +
  '       warden agents key ID'

/**
 * `warden agents pause|resume|terminate ID --reason TEXT`: persists the change in the store (the
 * default SQLite file, which a running gateway may hold open) and publishes it on the bus, so running
 * gateways stop the agent; prints the agent's status as one JSON line. `warden agents list` prints every
 * agent with a recorded state, then the emergency stop when one is in force.
 */
export async function agentsCommand(argv: readonly string[], io: CliIO): Promise<number> {
  if (argv[0] === 'key') return agentsKeyCommand(argv.slice(1), io)
  const { values, positionals } = parseOptions(
    argv,
    {
      reason: { type: 'string' },
      actor: { type: 'string' },
      store: { type: 'string' },
      bus: { type: 'string' },
    },
    true,
  )
  const [verb, agentId, ...extra] = positionals
  const listing = verb === 'list' && agentId === undefined
  const acting = (verb === 'pause' || verb === 'resume' || verb === 'terminate') && agentId !== undefined
  if ((!listing && !acting) || extra.length > 0) throw new WardenError('USAGE', USAGE)
  if (acting && values.reason === undefined) throw new WardenError('USAGE', `--reason is required\n${USAGE}`)
  const loaded = loadCliConfig(values, io)
  const opened = await openLocalKillSwitch({
    storeUrl: storeUrlOf(values, loaded),
    busUrl: busUrlOf(values, loaded),
    cwd: io.cwd,
    extra: killSwitchEnvOptions(io.env),
  })
  try {
    const ks = opened.killSwitch
    if (listing) {
      for (const status of ks.list()) await write(io.stdout, `${JSON.stringify(status)}\n`)
      const emergency = ks.emergency()
      if (emergency.active) await write(io.stdout, `${JSON.stringify({ emergencyStop: emergency })}\n`)
      return EXIT.ok
    }
    const act = verb as 'pause' | 'resume' | 'terminate'
    const status = await ks[act](agentId!, values.reason!, values.actor ?? cliActor(io))
    await write(io.stdout, `${JSON.stringify(status)}\n`)
    return EXIT.ok
  } finally {
    await opened.close()
  }
}

/** Who the incident log names when `--actor` is not given. */
export function cliActor(io: CliIO): string {
  const user = io.env['USER'] ?? io.env['USERNAME'] ?? safeUser()
  return `cli:${user}`
}

function safeUser(): string {
  try {
    return userInfo().username
  } catch {
    return 'unknown'
  }
}
