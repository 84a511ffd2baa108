import { WardenError } from '../../errors/warden-error.js'

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g

/**
 * Resolves `${VAR}` and `${VAR:-default}` in one configured value from `source` (the gateway's
 * environment). A missing variable without a default is `CONFIG_ENV_MISSING`: an upstream started
 * without its token would fail later and less clearly. `where` names the key in the message.
 *
 * @example
 * resolveReferences('Bearer ${TOKEN}', { TOKEN: 'abc' }, 'upstreams.docs.headers.Authorization') // 'Bearer abc'
 */
export function resolveReferences(
  value: string,
  source: Readonly<Record<string, string | undefined>>,
  where: string,
): string {
  return value.replace(REFERENCE, (_whole, name: string, fallback: string | undefined) => {
    const found = source[name]
    if (found !== undefined && (fallback === undefined || found !== '')) return found
    if (fallback !== undefined) return fallback
    throw new WardenError('CONFIG_ENV_MISSING', `${where}: environment variable ${name} is not set`, {
      variable: name,
    })
  })
}

/** Resolves every value of a configured map (`env`, `headers`); keys are kept as written. */
export function resolveMap(
  values: Readonly<Record<string, string>>,
  source: Readonly<Record<string, string | undefined>>,
  where: string,
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(values))
    out[key] = resolveReferences(value, source, `${where}.${key}`)
  return out
}

/**
 * The whole environment of a stdio upstream: PATH (so `npx`, `uvx`, `node` are found) plus exactly what
 * the configuration gives it. Never the gateway's environment: it holds the gateway's own secrets and
 * every other upstream's tokens, and one compromised or careless server would read them all.
 */
export function childEnvironment(
  configured: Readonly<Record<string, string>>,
  source: Readonly<Record<string, string | undefined>>,
  where: string,
): Record<string, string> {
  const env: Record<string, string> = {}
  const path = source['PATH']
  if (path !== undefined) env['PATH'] = path
  return Object.assign(env, resolveMap(configured, source, where))
}
