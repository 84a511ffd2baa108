import { WardenError } from '../../errors/warden-error.js'
import { killSwitchEnvOptions, openLocalKillSwitch } from '../../killswitch/open-local.js'
import { parseOptions } from '../args.js'
import { busUrlOf, loadCliConfig, storeUrlOf } from '../config-option.js'
import { type CliIO, EXIT, write } from '../io.js'
import { cliActor } from './agents.js'

/**
 * `warden emergency-stop --reason TEXT [--clear]`: pauses every agent on every gateway sharing the bus
 * (or lifts that), persisted in the store first; alerts the security team at WARDEN_ALERT_WEBHOOK_URL when set, and
 * waits for that alert before exiting; signs the event with WARDEN_BUS_KEY when set.
 * Prints `{"emergencyStop": {...}}`.
 */
export async function emergencyStopCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions(argv, {
    reason: { type: 'string' },
    clear: { type: 'boolean' },
    actor: { type: 'string' },
    store: { type: 'string' },
    bus: { type: 'string' },
  })
  if (positionals.length > 0 || values.reason === undefined) {
    throw new WardenError(
      'USAGE',
      'usage: warden emergency-stop [--clear] --reason TEXT [--actor NAME] [--store URL] [--bus URL]',
    )
  }
  const loaded = loadCliConfig(values, io)
  const opened = await openLocalKillSwitch({
    storeUrl: storeUrlOf(values, loaded),
    busUrl: busUrlOf(values, loaded),
    cwd: io.cwd,
    extra: killSwitchEnvOptions(io.env),
  })
  try {
    const ks = opened.killSwitch
    const actor = values.actor ?? cliActor(io)
    const status =
      values.clear === true
        ? await ks.clearEmergency(values.reason, actor)
        : await ks.emergencyStop(values.reason, actor)
    await write(io.stdout, `${JSON.stringify({ emergencyStop: status })}\n`)
    return EXIT.ok
  } finally {
    await opened.close()
  }
}
