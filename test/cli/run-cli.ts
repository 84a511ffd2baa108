import { runCli as runInProcess } from '../../src/cli/run-cli.case.js'

export interface CliRun {
  readonly status: number
  readonly stdout: string
  readonly stderr: string
  /** stdout parsed as JSON Lines. */
  readonly lines: Record<string, unknown>[]
}

/** Runs `warden …` in-process with the given stdin (src/cli/run-cli.case.ts), stdout also as JSON Lines. */
export async function runCli(argv: readonly string[], stdin = '', cwd = process.cwd()): Promise<CliRun> {
  const run = await runInProcess(argv, { cwd, stdin })
  const lines = run.out
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>)
  return { status: run.code, stdout: run.out, stderr: run.err, lines }
}
