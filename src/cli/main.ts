import { errorBody } from '../errors/warden-error.js'
import { COMMANDS } from './commands/registry.js'
import { type CliIO, EXIT, write } from './io.js'

/** The `warden` entry point: dispatches to a command, turns any escaped failure into a coded error. */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    await write(io.stdout, usage())
    return name === undefined ? EXIT.failure : EXIT.ok
  }
  if (name === '--version') {
    await write(io.stdout, '0.1.0\n')
    return EXIT.ok
  }
  const entry = COMMANDS[name]
  if (entry === undefined) {
    await write(
      io.stderr,
      `${JSON.stringify({ error: { code: 'USAGE', message: `unknown command: ${name}` } })}\n`,
    )
    await write(io.stderr, usage())
    return EXIT.failure
  }
  try {
    return await entry.run(rest, io)
  } catch (error) {
    await write(io.stderr, `${JSON.stringify({ error: errorBody(error) })}\n`)
    return EXIT.failure
  }
}

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(18)} ${c.summary}`)
  return `usage: warden <command> [--config FILE] [options]\n\ncommands:\n${lines.join('\n')}\n`
}
