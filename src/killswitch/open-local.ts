import type { Bus } from '../bus/bus.js'
import { openBus } from '../bus/open-bus.js'
import { killSwitchFilesFor } from './files.js'
import { JsonlIncidentSink } from './jsonl-incident-sink.js'
import { JsonlKillSwitchRepository } from './jsonl-repository.js'
import { AgentKillSwitch, type KillSwitchOptions } from './kill-switch.js'

/** A kill switch on its own bus connection, and the one call that closes both. */
export interface OpenedKillSwitch {
  readonly killSwitch: AgentKillSwitch
  readonly bus: Bus
  /** The incident log the kill switch writes (read by `GET /api/incidents`). */
  readonly incidents: JsonlIncidentSink
  close(): Promise<void>
}

/**
 * Opens the kill switch on the bus a URL names, persisting to the JSON Lines files beside the store
 * (killSwitchFilesFor): what the CLI uses, and what a gateway uses until the shared store backs the
 * repository and incident ports.
 *
 * @example
 * const { killSwitch, close } = await openLocalKillSwitch({ storeUrl, busUrl, cwd: process.cwd() })
 */
export async function openLocalKillSwitch(options: {
  storeUrl: string
  busUrl: string
  cwd: string
  extra?: Partial<Omit<KillSwitchOptions, 'bus' | 'repository' | 'incidents'>>
}): Promise<OpenedKillSwitch> {
  const files = killSwitchFilesFor(options.storeUrl, options.cwd)
  const bus = await openBus(options.busUrl)
  const incidents = new JsonlIncidentSink(files.incidents)
  let killSwitch: AgentKillSwitch
  try {
    killSwitch = await AgentKillSwitch.open({
      ...options.extra,
      bus,
      repository: new JsonlKillSwitchRepository(files.events),
      incidents,
    })
  } catch (error) {
    await bus.close()
    throw error
  }
  return {
    killSwitch,
    bus,
    incidents,
    async close() {
      await killSwitch.close()
      await bus.close()
    },
  }
}

/**
 * Kill-switch options the environment supplies, so secrets stay out of warden.yaml:
 * `WARDEN_BUS_KEY` (signs and checks bus events) and `WARDEN_ALERT_WEBHOOK_URL` (emergency-stop alert).
 */
export function killSwitchEnvOptions(
  env: Readonly<Record<string, string | undefined>>,
): Partial<Pick<KillSwitchOptions, 'busKey' | 'alertWebhookUrl'>> {
  const busKey = env['WARDEN_BUS_KEY']
  const alertWebhookUrl = env['WARDEN_ALERT_WEBHOOK_URL']
  return {
    ...(busKey === undefined || busKey === '' ? {} : { busKey }),
    ...(alertWebhookUrl === undefined || alertWebhookUrl === '' ? {} : { alertWebhookUrl }),
  }
}
