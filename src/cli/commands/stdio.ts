import { isAbsolute, join } from 'node:path'
import { WardenError } from '../../errors/warden-error.js'
import { Gateway } from '../../gateway/gateway.js'
import { serveStdio } from '../../gateway/mcp/serve-stdio.js'
import { ensureDemoSandbox } from '../../tools/demo-sandbox.js'
import { parseOptions } from '../args.js'
import { busUrlOf, loadCliConfig, storeUrlOf } from '../config-option.js'
import { type CliIO, EXIT, write } from '../io.js'
import { EXAMPLE_FILE, untilSignal } from './up.js'

const USAGE = 'usage: warden stdio --agent ID [--cwd DIR] [--config FILE] [--store URL] [--bus URL]'

/**
 * `warden stdio --agent ID`: the gateway over stdio for MCP clients that spawn their servers (Claude
 * Desktop). The agent is the one named here: whoever may spawn this process may read its config anyway.
 * stdout carries only MCP messages; notes go to stderr. `--cwd DIR` sets where relative paths (store,
 * governed mounts, ./warden.yaml) resolve, since clients spawn servers from a directory of their own.
 * Runs until the client closes stdin or a SIGINT/SIGTERM.
 */
export async function stdioCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions(argv, {
    agent: { type: 'string' },
    cwd: { type: 'string' },
    store: { type: 'string' },
    bus: { type: 'string' },
  })
  if (positionals.length > 0 || values.agent === undefined) throw new WardenError('USAGE', USAGE)
  const cwd =
    values.cwd === undefined ? io.cwd : isAbsolute(values.cwd) ? values.cwd : join(io.cwd, values.cwd)
  const here: CliIO = { ...io, cwd }
  const loaded = loadCliConfig(values, here)
  const agentId = values.agent
  if (!Object.hasOwn(loaded.config.agents, agentId)) {
    throw new WardenError('AGENT_UNKNOWN', `${loaded.file} has no agent "${agentId}"`)
  }
  if (loaded.file === EXAMPLE_FILE) ensureDemoSandbox(cwd)
  const gateway = await Gateway.open({
    loaded,
    cwd,
    env: io.env,
    storeUrl: storeUrlOf(values, loaded),
    busUrl: busUrlOf(values, loaded),
  })
  try {
    const session = await serveStdio(gateway, agentId, { stdin: io.stdin, stdout: io.stdout })
    await write(io.stderr, `warden stdio: serving agent ${agentId} (session ${session.sessionId})\n`)
    const signal = untilSignal()
    await Promise.race([session.closed, signal.promise])
    signal.dispose()
    await session.close()
    return EXIT.ok
  } finally {
    await gateway.close()
  }
}
