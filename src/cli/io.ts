import type { Readable, Writable } from 'node:stream'

/** What a command may touch, passed in so tests run commands in-process. */
export interface CliIO {
  readonly stdin: Readable
  readonly stdout: Writable
  readonly stderr: Writable
  readonly env: Readonly<Record<string, string | undefined>>
  readonly cwd: string
}

/** A command: its arguments (after the command name) in, an exit status out (0 ok, 2 deny/tamper, 1 failure). */
export type Command = (argv: readonly string[], io: CliIO) => Promise<number>

export interface CommandEntry {
  readonly run: Command
  readonly summary: string
}

export const EXIT = Object.freeze({ ok: 0, failure: 1, denied: 2 })

/** Writes and resolves once the stream has taken the text (so large outputs are not cut at exit). */
export function write(stream: Writable, text: string): Promise<void> {
  return new Promise((resolve) => {
    if (stream.write(text)) resolve()
    else stream.once('drain', resolve)
  })
}
