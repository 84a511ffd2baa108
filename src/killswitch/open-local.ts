import type { Bus } from '../bus/bus.js'
import { openBus } from '../bus/open-bus.js'
import { openStore } from '../store/open-store.js'
import type { Store } from '../store/store.js'
import type { IncidentStore } from './incident-store.js'
import { AgentKillSwitch, type KillSwitchOptions } from './kill-switch.js'
import { importLegacyKillSwitchFiles } from './legacy-import.js'

/** A kill switch on its own bus connection, and the one call that closes both. */
export interface OpenedKillSwitch {
  readonly killSwitch: AgentKillSwitch
  readonly bus: Bus
  /** The incident log the kill switch writes: the store's (read by `GET /api/incidents`). */
  readonly incidents: IncidentStore
  close(): Promise<void>
}

type Extra = Partial<Omit<KillSwitchOptions, 'bus' | 'repository' | 'incidents'>>

/**
 * Opens the kill switch on the bus a URL names, persisting its events and incidents in `store` (what the
 * gateway does with the store it already holds). With `legacy`, the JSON Lines files of earlier versions
 * are imported into the store first (importLegacyKillSwitchFiles). `close()` leaves the store open.
 *
 * @example
 * const { killSwitch, close } = await openKillSwitch({ store, busUrl: 'memory:' })
 */
export async function openKillSwitch(options: {
  store: Store
  busUrl: string
  legacy?: { storeUrl: string; cwd: string }
  extra?: Extra
}): Promise<OpenedKillSwitch> {
  const { store } = options
  if (options.legacy !== undefined)
    await importLegacyKillSwitchFiles(store, options.legacy.storeUrl, options.legacy.cwd)
  const bus = await openBus(options.busUrl)
  let killSwitch: AgentKillSwitch
  try {
    killSwitch = await AgentKillSwitch.open({
      ...options.extra,
      bus,
      repository: store.killSwitch,
      incidents: store.incidents,
    })
  } catch (error) {
    await bus.close()
    throw error
  }
  return {
    killSwitch,
    bus,
    incidents: store.incidents,
    async close() {
      await killSwitch.close()
      await bus.close()
    },
  }
}

/**
 * Opens the store a URL names and the kill switch on it (openKillSwitch, legacy files imported): what the
 * CLI uses. With SQLite (WAL) the CLI writes while a gateway holds the same file; the gateway hears of it
 * on the bus at once, or at its next resync through the store with the in-process `memory:` bus.
 * `close()` closes the kill switch, the bus and the store.
 *
 * @example
 * const { killSwitch, close } = await openLocalKillSwitch({ storeUrl, busUrl, cwd: process.cwd() })
 */
export async function openLocalKillSwitch(options: {
  storeUrl: string
  busUrl: string
  cwd: string
  extra?: Extra
}): Promise<OpenedKillSwitch & { readonly store: Store }> {
  const store = await openStore(options.storeUrl, { cwd: options.cwd })
  let opened: OpenedKillSwitch
  try {
    opened = await openKillSwitch({
      store,
      busUrl: options.busUrl,
      legacy: { storeUrl: options.storeUrl, cwd: options.cwd },
      ...(options.extra === undefined ? {} : { extra: options.extra }),
    })
  } catch (error) {
    await store.close()
    throw error
  }
  return {
    ...opened,
    store,
    async close() {
      await opened.close()
      await store.close()
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
