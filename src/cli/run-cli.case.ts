import { PassThrough } from 'node:stream'
import type { CliIO } from './io.js'
import { main } from './main.js'

/** What `warden …` did: its exit status and everything it wrote. */
export interface CliRun {
  readonly code: number
  readonly out: string
  readonly err: string
}

/**
 * Runs `warden ARGV` in-process exactly as the binary does (through `main`, so a thrown failure becomes
 * exit 1 and a coded error on stderr). For tests.
 *
 * @example
 * const { code, err } = await runCli(['audit', 'verify', '--bus', 'kafka://x'], { cwd })
 */
export async function runCli(
  argv: readonly string[],
  options: { cwd: string; env?: CliIO['env']; stdin?: string },
): Promise<CliRun> {
  const stdin = new PassThrough()
  stdin.end(options.stdin ?? '')
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  let out = ''
  let err = ''
  stdout.on('data', (chunk) => (out += String(chunk)))
  stderr.on('data', (chunk) => (err += String(chunk)))
  const code = await main(argv, { stdin, stdout, stderr, env: options.env ?? {}, cwd: options.cwd })
  return { code, out, err }
}

/** The `code` of the coded error a failed run printed on stderr (`{"error":{"code",…}}`), if any. */
export function errorCodeOf(run: CliRun): string | undefined {
  const line = run.err.split('\n').find((l) => l.startsWith('{"error"'))
  return line === undefined ? undefined : (JSON.parse(line) as { error: { code?: string } }).error.code
}
