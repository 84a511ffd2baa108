import type { KeyObject } from 'node:crypto'
import { createPublicKey } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { isAbsolute, join } from 'node:path'
import { busUrlOf, loadCliConfig, storeUrlOf } from '../../cli/config-option.js'
import type { CliIO } from '../../cli/io.js'
import type { WardenConfig } from '../../config/schema.js'
import { WardenError } from '../../errors/warden-error.js'
import { openStore } from '../../store/open-store.js'
import type { Store } from '../../store/store.js'
import { PRIVATE_KEY_FILE, PUBLIC_KEY_FILE, readPublicKey } from '../signing-key.js'

/** What every `warden audit` subcommand works with: the config, the open store and the key folder. */
export interface AuditContext {
  readonly config: WardenConfig
  readonly store: Store
  readonly keyDir: string
}

/**
 * Resolves `--config` and `--store`, opens the store and runs `body`, closing the store after. `--bus` is
 * checked (BUS_URL_INVALID) but unused: reading or sealing the log publishes nothing.
 */
export async function withAuditContext<T>(
  values: { config?: string | undefined; store?: string | undefined; bus?: string | undefined },
  io: CliIO,
  body: (ctx: AuditContext) => Promise<T>,
): Promise<T> {
  const loaded = loadCliConfig(values, io)
  busUrlOf(values, loaded)
  const store = await openStore(storeUrlOf(values, loaded), { cwd: io.cwd, mustExist: true })
  try {
    return await body({ config: loaded.config, store, keyDir: keyDirFor(loaded.config, store, io.cwd) })
  } finally {
    await store.close()
  }
}

/** The AuditLog options the configuration asks for: the key folder and `audit.capture`. */
export function auditLogOptionsFor(
  config: WardenConfig,
  store: Store,
  cwd: string,
): { keyDir: string; capture?: 'redacted' | 'hashes' | 'full' } {
  const keyDir = keyDirFor(config, store, cwd)
  const capture = config.audit.capture
  return capture === undefined ? { keyDir } : { keyDir, capture }
}

/** Where the signing key lives: `audit.keyDir`, else beside the SQLite file, else `.warden/keys`. */
export function keyDirFor(config: WardenConfig, store: Store, cwd: string): string {
  const configured = config.audit.keyDir
  if (configured !== undefined) return resolveFrom(cwd, configured)
  return store.keyDir ?? join(cwd, '.warden', 'keys')
}

/**
 * The public key to check signatures with: `--public-key FILE` (an auditor's own copy), else the
 * log's key folder. Null when neither exists (verify then reports that signatures went unchecked).
 */
export function publicKeyFor(file: string | undefined, keyDir: string, cwd: string): KeyObject | null {
  if (file !== undefined) return readPublicKey(readText(resolveFrom(cwd, file)))
  const pub = join(keyDir, PUBLIC_KEY_FILE)
  if (existsSync(pub)) return readPublicKey(readText(pub))
  const priv = join(keyDir, PRIVATE_KEY_FILE)
  if (existsSync(priv)) return createPublicKey(readText(priv))
  return null
}

/** A file's text, or a USAGE error naming it. */
export function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch (error) {
    throw new WardenError('USAGE', `cannot read ${path}: ${(error as Error).message}`)
  }
}

/** `file` resolved against `cwd` unless absolute. */
export function resolveFrom(cwd: string, file: string): string {
  return isAbsolute(file) ? file : join(cwd, file)
}

/** Progress on stderr, only when it is a terminal (a pipe gets clean output). */
export function progressReporter(
  io: CliIO,
  label: string,
): ((done: number, total: number) => void) | undefined {
  const stream = io.stderr as { isTTY?: boolean }
  if (stream.isTTY !== true) return undefined
  let lastAt = 0
  return (done, total) => {
    const now = Date.now()
    if (now - lastAt < 200 && done < total) return
    lastAt = now
    io.stderr.write(`\r${label}: ${done}/${total} records${done >= total ? '\n' : ''}`)
  }
}
