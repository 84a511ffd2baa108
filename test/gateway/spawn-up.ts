import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'

// These run the built CLI, as MCP clients do: `npx tsc -p tsconfig.json` first.
export const ROOT = new URL('../..', import.meta.url).pathname
export const BIN = join(ROOT, 'bin/warden.js')
export const BUILT = existsSync(join(ROOT, 'dist/cli/commands/up.js'))

/** A spawned `warden up`, with what it printed. */
export interface Up {
  readonly child: ChildProcess
  readonly url: string
  readonly out: () => string
  readonly adminToken?: string
  readonly keys: Readonly<Record<string, string>>
}

/** Spawns `warden up --port 0 [args]` in `cwd` and waits until it says Ready. */
export async function startUp(cwd: string, args: readonly string[] = []): Promise<Up> {
  const child = spawn(process.execPath, [BIN, 'up', '--port', '0', ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString('utf8')
  })
  child.stderr?.on('data', (c: Buffer) => {
    err += c.toString('utf8')
  })
  const deadline = Date.now() + 30_000
  while (!out.includes('Ready.')) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`warden up did not start:\n${out}\n${err}`)
    await new Promise((r) => setTimeout(r, 50))
  }
  const url = /MCP \(Streamable HTTP\)\s+(http:\/\/\S+)\/mcp/.exec(out)?.[1] as string
  const adminToken = /admin token \(role admin\)\s+(\S+)/.exec(out)?.[1]
  const keys = Object.fromEntries(
    [...out.matchAll(/agent key (\S+)\s+(wdn_agent_\S+)/g)].map((m) => [m[1], m[2]]),
  )
  return { child, url, out: () => out, ...(adminToken === undefined ? {} : { adminToken }), keys }
}

/** SIGTERM, then the exit status. */
export async function stop(up: Up): Promise<number | null> {
  if (up.child.exitCode !== null) return up.child.exitCode
  const exited = new Promise<number | null>((resolve) => up.child.once('exit', (code) => resolve(code)))
  up.child.kill('SIGTERM')
  return exited
}
