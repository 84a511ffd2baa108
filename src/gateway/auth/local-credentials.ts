import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { type AdminTokenConfig, adminTokenSchema, type WardenConfig } from '../../config/schema.js'
import { WardenError } from '../../errors/warden-error.js'
import { newSecret } from './new-secret.js'

/** The file under `.warden/` where `warden up` keeps the hashes of the credentials it generated. */
export const LOCAL_CREDENTIALS_FILE = 'gateway-credentials.json'

const fileSchema = z.strictObject({
  adminTokens: z.array(adminTokenSchema),
  agentKeys: z.array(
    z.strictObject({ agent: z.string().min(1), hash: z.string().regex(/^sha256:[0-9a-f]{64}$/) }),
  ),
})

/** Credentials `warden up` uses beside the configured ones: hashes only. */
export type LocalCredentials = z.infer<typeof fileSchema>

/** What ensureLocalCredentials found or made; `issued` holds the secrets made now, to be printed once. */
export interface EnsuredCredentials {
  readonly credentials: LocalCredentials
  readonly path: string
  readonly issued: {
    readonly adminToken?: string
    readonly agentKeys: ReadonlyArray<{ agent: string; key: string }>
  }
}

/**
 * On first start, when the config names no admin token or an agent has no key, makes them, keeps their
 * hashes in `.warden/gateway-credentials.json` (mode 0600) and returns the secrets once: nothing on disk
 * can be replayed as a credential. Later starts reuse the hashes and issue nothing new.
 */
export function ensureLocalCredentials(stateDir: string, config: WardenConfig): EnsuredCredentials {
  const path = join(stateDir, LOCAL_CREDENTIALS_FILE)
  const current = readCredentials(path)
  const adminTokens: AdminTokenConfig[] = [...current.adminTokens]
  const agentKeys = [...current.agentKeys]
  let adminToken: string | undefined
  if ((config.gateway?.adminTokens.length ?? 0) === 0 && adminTokens.length === 0) {
    const made = newSecret('wdn_admin_')
    adminToken = made.secret
    adminTokens.push({ name: 'local-admin', role: 'admin', hash: made.hash })
  }
  const issuedKeys: Array<{ agent: string; key: string }> = []
  for (const [agent, settings] of Object.entries(config.agents)) {
    if (settings.keys.length > 0 || agentKeys.some((k) => k.agent === agent)) continue
    const made = newSecret('wdn_agent_')
    issuedKeys.push({ agent, key: made.secret })
    agentKeys.push({ agent, hash: made.hash })
  }
  const credentials = { adminTokens, agentKeys }
  if (adminToken !== undefined || issuedKeys.length > 0) writeCredentials(stateDir, path, credentials)
  return {
    credentials,
    path,
    issued: { ...(adminToken === undefined ? {} : { adminToken }), agentKeys: issuedKeys },
  }
}

function readCredentials(path: string): LocalCredentials {
  if (!existsSync(path)) return { adminTokens: [], agentKeys: [] }
  try {
    return fileSchema.parse(JSON.parse(readFileSync(path, 'utf8')))
  } catch (error) {
    throw new WardenError(
      'GATEWAY_CREDENTIALS_INVALID',
      `${path}: not a Warden credentials file (${(error as Error).message.split('\n')[0]})`,
    )
  }
}

function writeCredentials(stateDir: string, path: string, credentials: LocalCredentials): void {
  try {
    mkdirSync(stateDir, { recursive: true, mode: 0o700 })
    writeFileSync(path, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 })
    // writeFileSync keeps the mode of an existing file: make sure it is owner-only either way.
    chmodSync(path, 0o600)
  } catch (error) {
    throw new WardenError('GATEWAY_CREDENTIALS_INVALID', `cannot write ${path}: ${(error as Error).message}`)
  }
}
