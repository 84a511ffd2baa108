import { existsSync, writeFileSync } from 'node:fs'
import { isAbsolute, join } from 'node:path'
import { EXAMPLE_CONFIG } from '../../config/example-config.js'
import { WardenError } from '../../errors/warden-error.js'
import { ensureDemoSandbox } from '../../tools/demo-sandbox.js'
import { parseOptions } from '../args.js'
import { type CliIO, EXIT, write } from '../io.js'

/**
 * `warden init [--config FILE] [--force]`: writes the commented example configuration and the demo sandbox
 * its governed tools act on (./sandbox, relative to the working directory as the config's paths are), so
 * `warden up` runs on it at once. Files already in the sandbox are kept.
 */
export async function initCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const { values } = parseOptions(argv, { force: { type: 'boolean' } })
  const target = values.config ?? 'warden.yaml'
  const file = isAbsolute(target) ? target : join(io.cwd, target)
  if (existsSync(file) && values.force !== true) {
    throw new WardenError('USAGE', `${file} exists; pass --force to overwrite it`)
  }
  writeFileSync(file, EXAMPLE_CONFIG, { mode: 0o644 })
  await write(io.stdout, `wrote ${file}\n`)
  const seeded = ensureDemoSandbox(io.cwd).created
  if (seeded.length > 0) await write(io.stdout, `Created the demo sandbox: ${seeded.join(', ')}\n`)
  return EXIT.ok
}
