import { readFileSync, statSync } from 'node:fs'
import { LineCounter, parseDocument } from 'yaml'
import type { z } from 'zod'
import { WardenError } from '../errors/warden-error.js'
import { DEFAULTS } from './defaults.js'
import { type ConfigPath, formatPath, locate } from './locate.js'
import { configSchema, type WardenConfig } from './schema.js'

/** Raised by a factory that rejects a part of the configuration; the loader adds file and line. */
export class ConfigPathError extends Error {
  readonly path: ConfigPath
  constructor(path: ConfigPath, message: string) {
    super(message)
    this.path = path
  }
}

export interface LoadedConfig<T = WardenConfig> {
  readonly config: T
  readonly file: string
  /** Maps a path in the config to `file:line:col` (for errors raised after loading). */
  readonly where: (path: ConfigPath) => string
}

/** Reads and validates a warden.yaml (or JSON) file. Throws WardenError with file, line and key. */
export function loadConfigFile(file: string): LoadedConfig {
  let text: string
  try {
    const size = statSync(file).size
    if (size > DEFAULTS.maxConfigBytes) {
      throw new WardenError(
        'INPUT_TOO_LARGE',
        `${file}: ${size} bytes; the limit is ${DEFAULTS.maxConfigBytes}`,
      )
    }
    text = readFileSync(file, 'utf8')
  } catch (error) {
    if (error instanceof WardenError) throw error
    throw new WardenError('CONFIG_NOT_FOUND', `${file}: cannot read (${(error as Error).message})`)
  }
  return parseConfig(text, file)
}

/**
 * Parses and validates configuration text. Unknown keys, wrong types and duplicate keys are errors
 * naming `file:line:col`, the key and what was expected.
 */
export function parseConfig(text: string, file = 'warden.yaml'): LoadedConfig {
  if (text.includes('\u0000'))
    throw new WardenError('CONFIG_PARSE', `${file}: contains a NUL byte (binary file?)`)
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true })
  const first = doc.errors[0]
  if (first !== undefined) {
    const pos = lines.linePos(first.pos[0])
    throw new WardenError('CONFIG_PARSE', `${file}:${pos.line}:${pos.col}: ${first.message.split('\n')[0]}`)
  }
  let raw: unknown
  try {
    raw = doc.toJS({ maxAliasCount: 100 }) ?? {}
  } catch (error) {
    throw new WardenError('CONFIG_PARSE', `${file}: ${(error as Error).message}`)
  }
  const where = (path: ConfigPath, key?: string) => `${file}:${locate(doc, lines, path, key) ?? '1:1'}`
  const result = configSchema.safeParse(raw)
  if (!result.success) throw invalid(result.error.issues, where)
  return { config: result.data, file, where: (path) => where(path) }
}

function invalid(
  issues: readonly z.core.$ZodIssue[],
  where: (p: ConfigPath, k?: string) => string,
): WardenError {
  const messages = issues.slice(0, 10).map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const key = issue.keys[0] ?? ''
      const path = [...issue.path, key]
      return `${where(issue.path, key)}: ${formatPath(path)}: unknown key${issue.keys.length > 1 ? `s ${issue.keys.join(', ')}` : ''} (expected one of the documented keys; see DESIGN.md)`
    }
    return `${where(issue.path)}: ${formatPath(issue.path)}: ${issue.message}`
  })
  return new WardenError('CONFIG_INVALID', messages.join('\n'), { issues: issues.length })
}

/** Turns a ConfigPathError from a factory into a CONFIG_INVALID WardenError with file and line. */
export function withConfigLocation<T>(loaded: LoadedConfig<unknown>, build: () => T): T {
  try {
    return build()
  } catch (error) {
    if (error instanceof ConfigPathError) {
      throw new WardenError(
        'CONFIG_INVALID',
        `${loaded.where(error.path)}: ${formatPath(error.path)}: ${error.message}`,
      )
    }
    throw error
  }
}
