import { existsSync } from 'node:fs'
import { isAbsolute, join } from 'node:path'
import { busKindOf } from '../bus/open-bus.js'
import { DEFAULTS } from '../config/defaults.js'
import { EXAMPLE_CONFIG } from '../config/example-config.js'
import { type LoadedConfig, loadConfigFile, parseConfig } from '../config/load.js'
import type { CliIO } from './io.js'

/**
 * The configuration a command runs with: `--config FILE`, else ./warden.yaml, else the built-in example
 * (the same text `warden init` writes), as DESIGN.md's CLI contract says.
 */
export function loadCliConfig(values: { config?: string | undefined }, io: CliIO): LoadedConfig {
  if (values.config !== undefined) return loadConfigFile(resolveFrom(io.cwd, values.config))
  const local = join(io.cwd, DEFAULTS.configFile)
  if (existsSync(local)) return loadConfigFile(local)
  return parseConfig(EXAMPLE_CONFIG, '(built-in example config)')
}

/** The store URL: `--store`, else the config's `store`, else the embedded SQLite default. */
export function storeUrlOf(values: { store?: string | undefined }, loaded: LoadedConfig): string {
  return values.store ?? loaded.config.store ?? DEFAULTS.storeUrl
}

/**
 * The bus URL: `--bus`, else the config's `bus`, else the in-process bus. Checked here, without connecting
 * (BUS_URL_INVALID), so a command refuses a malformed bus before it touches the store, whether or not it
 * publishes anything.
 */
export function busUrlOf(values: { bus?: string | undefined }, loaded: LoadedConfig): string {
  const url = values.bus ?? loaded.config.bus ?? DEFAULTS.busUrl
  busKindOf(url)
  return url
}

function resolveFrom(cwd: string, file: string): string {
  return isAbsolute(file) ? file : join(cwd, file)
}
