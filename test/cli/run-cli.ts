import { PassThrough } from 'node:stream'
import { main } from '../../src/cli/main.js'

export interface CliRun {
  readonly status: number
  readonly stdout: string
  readonly stderr: string
  /** stdout parsed as JSON Lines. */
  readonly lines: Record<string, unknown>[]
}

/** Runs `warden …` in-process with the given stdin; the same code path as the binary. */
export async function runCli(argv: readonly string[], stdin = '', cwd = process.cwd()): Promise<CliRun> {
  const input = new PassThrough()
  const out = collect()
  const err = collect()
  input.end(stdin)
  const status = await main(argv, { stdin: input, stdout: out.stream, stderr: err.stream, env: {}, cwd })
  const stdout = out.text()
  const lines = stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>)
  return { status, stdout, stderr: err.text(), lines }
}

function collect() {
  const stream = new PassThrough()
  const chunks: Buffer[] = []
  stream.on('data', (c: Buffer) => chunks.push(c))
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') }
}
