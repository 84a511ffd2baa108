import { isAbsolute, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { WardenError } from '../../errors/warden-error.js'
import { type EnsuredCredentials, ensureLocalCredentials } from '../../gateway/auth/local-credentials.js'
import { Gateway } from '../../gateway/gateway.js'
import { clientSnippets } from '../../gateway/http/client-snippets.js'
import { createHttpApp } from '../../gateway/http/create-http-app.js'
import { GATEWAY_DEFAULTS } from '../../gateway/http/http-defaults.js'
import { listen } from '../../gateway/http/listen.js'
import { ensureDemoSandbox } from '../../tools/demo-sandbox.js'
import { parseOptions } from '../args.js'
import { busUrlOf, loadCliConfig, storeUrlOf } from '../config-option.js'
import { type CliIO, EXIT, write } from '../io.js'

const USAGE = 'usage: warden up [--port N] [--host H] [--config FILE] [--store URL] [--bus URL]'
/** What loadCliConfig names the built-in example config. */
export const EXAMPLE_FILE = '(built-in example config)'
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]'])
const WARDEN_BIN = fileURLToPath(new URL('../../../bin/warden.js', import.meta.url))

/**
 * `warden up`: the gateway (MCP Streamable HTTP at /mcp), the admin API, /metrics and /healthz on one port,
 * on the embedded default store and bus unless configured. On first start without configured credentials it
 * issues an admin token and one key per agent, keeps only their hashes in `.warden/` and prints them once,
 * with ready-to-paste client configuration. Stops cleanly on SIGINT/SIGTERM.
 */
export async function upCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions(argv, {
    port: { type: 'string' },
    host: { type: 'string' },
    store: { type: 'string' },
    bus: { type: 'string' },
  })
  if (positionals.length > 0) throw new WardenError('USAGE', USAGE)
  const loaded = loadCliConfig(values, io)
  const settings = loaded.config.gateway
  const port = portOf(values.port) ?? settings?.port ?? GATEWAY_DEFAULTS.port
  const host = values.host ?? settings?.host ?? GATEWAY_DEFAULTS.host
  const storeUrl = storeUrlOf(values, loaded)
  const busUrl = busUrlOf(values, loaded)
  const issued = ensureLocalCredentials(join(io.cwd, '.warden'), loaded.config)
  // The built-in example's governed tools act on ./sandbox: create it, so `npm start` works on a fresh clone.
  const seeded = loaded.file === EXAMPLE_FILE ? ensureDemoSandbox(io.cwd).created : []
  if (seeded.length > 0) await write(io.stdout, `Created the demo sandbox: ${seeded.join(', ')}\n`)
  const gateway = await Gateway.open({
    loaded,
    cwd: io.cwd,
    env: io.env,
    storeUrl,
    busUrl,
    agentKeyHashes: new Map(issued.credentials.agentKeys.map((k) => [k.hash, k.agent])),
  })
  try {
    const http = createHttpApp(gateway, {
      adminTokens: [...(settings?.adminTokens ?? []), ...issued.credentials.adminTokens],
      allowedHosts: allowedHostsFor(host, settings?.allowedHosts),
      allowedOrigins: settings?.allowedOrigins ?? GATEWAY_DEFAULTS.allowedOrigins,
      upstreamHealth: () => gateway.upstreamHealth(),
    })
    const server = await listen(http.app, { host, port }).catch(async (error: unknown) => {
      await http.close()
      throw error
    })
    if (!LOOPBACK.has(host)) {
      await write(
        io.stderr,
        `warden up: listening on ${host} over plain HTTP: bearer keys cross the network in clear; put a TLS proxy in front\n`,
      )
    }
    const signal = untilSignal()
    await write(io.stdout, banner(server.url, loaded.file, storeUrl, issued, io, values))
    const got = await signal.promise
    signal.dispose()
    await write(io.stdout, `\nwarden up: ${got}: stopping\n`)
    await http.close()
    await server.close()
    return EXIT.ok
  } finally {
    await gateway.close()
  }
}

/** Resolves on the first SIGINT or SIGTERM; `dispose` removes the handlers, so a second signal kills. */
export function untilSignal(): { promise: Promise<NodeJS.Signals>; dispose(): void } {
  let handler: ((signal: NodeJS.Signals) => void) | undefined
  const promise = new Promise<NodeJS.Signals>((resolve) => {
    handler = resolve
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  return {
    promise,
    dispose() {
      if (handler === undefined) return
      process.off('SIGINT', handler)
      process.off('SIGTERM', handler)
    },
  }
}

function portOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  const port = Number(text)
  if (!/^\d{1,5}$/.test(text) || port > 65_535)
    throw new WardenError('USAGE', `--port: 0–65535, got ${text}\n${USAGE}`)
  return port
}

// A specific bind address is also a name clients use; a wildcard (0.0.0.0, ::) is not, and stays refused as Host.
function allowedHostsFor(host: string, configured: readonly string[] | undefined): readonly string[] {
  if (configured !== undefined) return configured
  const wildcard = host === '0.0.0.0' || host === '::' || host === '[::]'
  const bound = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host
  return wildcard || GATEWAY_DEFAULTS.allowedHosts.includes(bound)
    ? GATEWAY_DEFAULTS.allowedHosts
    : [...GATEWAY_DEFAULTS.allowedHosts, bound]
}

function banner(
  url: string,
  configFile: string,
  storeUrl: string,
  issued: EnsuredCredentials,
  io: CliIO,
  values: { config?: string | undefined; store?: string | undefined; bus?: string | undefined },
): string {
  const lines = [
    'Warden gateway is up',
    `  MCP (Streamable HTTP)  ${url}/mcp`,
    `  admin API              ${url}/api`,
    `  metrics                ${url}/metrics`,
    `  health                 ${url}/healthz`,
    `  config                 ${configFile}`,
    `  store                  ${storeUrl}`,
    '',
  ]
  const { adminToken, agentKeys } = issued.issued
  if (adminToken !== undefined || agentKeys.length > 0) {
    lines.push(`New credentials, shown once (only their hashes are kept, in ${issued.path}):`)
    if (adminToken !== undefined) lines.push(`  admin token (role admin)  ${adminToken}`)
    for (const k of agentKeys) lines.push(`  agent key ${k.agent.padEnd(15)} ${k.key}`)
    const token = adminToken ?? '<admin token>'
    lines.push('', `  try: curl -H 'Authorization: Bearer ${token}' ${url}/api/agents`)
  } else {
    lines.push('Credentials: configured or issued on an earlier start (hashes only).')
    lines.push(`  New agent key: warden agents key ID   ·   hashes of issued ones: ${issued.path}`)
  }
  const first = agentKeys[0]
  const stdioArgs = ['--cwd', io.cwd]
  if (values.config !== undefined)
    stdioArgs.push('--config', isAbsolute(values.config) ? values.config : join(io.cwd, values.config))
  if (values.store !== undefined) stdioArgs.push('--store', values.store)
  if (values.bus !== undefined) stdioArgs.push('--bus', values.bus)
  lines.push('', 'Client configuration:', '')
  lines.push(
    clientSnippets({
      url,
      agentId: first?.agent ?? 'reporter',
      agentKey: first?.key,
      wardenCommand: [process.execPath, WARDEN_BIN],
      stdioArgs,
    }),
  )
  lines.push('Ready. Ctrl-C stops the gateway.', '')
  return lines.join('\n')
}
