import { type ParseArgsConfig, parseArgs } from 'node:util'
import { WardenError } from '../errors/warden-error.js'

type OptionSpec = NonNullable<ParseArgsConfig['options']>

/** What parseOptions returns: option values by name, and the positionals. */
export interface ParsedOptions<T extends OptionSpec> {
  readonly values: {
    [K in keyof T]?: T[K]['type'] extends 'boolean'
      ? boolean
      : T[K] extends { multiple: true }
        ? string[]
        : string
  }
  readonly positionals: string[]
}

/**
 * Parses a command's options strictly (unknown options are a USAGE error, not ignored).
 * Every command gets `--config`.
 */
export function parseOptions<T extends OptionSpec>(
  argv: readonly string[],
  options: T,
  allowPositionals = false,
): ParsedOptions<T & { config: { type: 'string' } }> {
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
