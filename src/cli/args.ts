import { parseArgs } from 'node:util'
import { WardenError } from '../errors/warden-error.js'

type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>

/**
 * Parses a command's options strictly (unknown options are a USAGE error, not ignored).
 * Every command gets `--config`.
 */
export function parseOptions<T extends OptionSpec>(argv: readonly string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({
      args: [...argv],
      options: { config: { type: 'string' }, ...options },
      allowPositionals,
      strict: true,
    })
  } catch (error) {
    throw new WardenError('USAGE', (error as Error).message)
  }
}
