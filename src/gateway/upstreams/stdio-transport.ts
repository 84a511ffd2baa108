import { type ChildProcess, spawn } from 'node:child_process'
import { ReadBuffer, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js'
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js'
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js'

/** How a stdio upstream is started: the environment is the whole environment (see childEnvironment). */
export interface StdioLaunch {
  readonly command: string
  readonly args: readonly string[]
  readonly env: Readonly<Record<string, string>>
  readonly cwd: string
  /** Largest single JSON-RPC line accepted from the server (a flood is an error, not memory growth). */
  readonly maxMessageBytes: number
  /** How long a server may take to exit after stdin closes before it is sent SIGTERM, then SIGKILL. */
  readonly exitGraceMs: number
}

const STDERR_TAIL_CHARS = 2_000

/**
 * MCP over a child's stdin/stdout, like the SDK's StdioClientTransport except that the child gets exactly
 * `launch.env` (the SDK adds HOME, USER, SHELL... from the gateway's environment), its stderr is kept as
 * a short tail for error messages, and a hung child can be killed at once (`kill()`).
 */
export class UpstreamStdioTransport implements Transport {
  onclose?: () => void
  onerror?: (error: Error) => void
  onmessage?: (message: JSONRPCMessage) => void

  readonly #launch: StdioLaunch
  readonly #buffer: ReadBuffer
  #child: ChildProcess | undefined
  #stderr = ''
  #exit = ''

  constructor(launch: StdioLaunch) {
    this.#launch = launch
    this.#buffer = new ReadBuffer({ maxBufferSize: launch.maxMessageBytes })
  }

  /** The last lines the server wrote to stderr and how it exited, for "why is it down" messages. */
  diagnostics(): string {
    const tail = this.#stderr.trim()
    return [this.#exit, tail === '' ? '' : `stderr: ${tail}`].filter((s) => s !== '').join('; ')
  }

  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.#launch.command, [...this.#launch.args], {
        env: { ...this.#launch.env },
        cwd: this.#launch.cwd,
        stdio: ['pipe', 'pipe', 'pipe'],
        shell: false,
        windowsHide: true,
      })
      this.#child = child
      child.once('error', (error) => {
        this.#exit = `could not start ${this.#launch.command}: ${error.message}`
        reject(error)
        this.onerror?.(error)
      })
      child.once('spawn', () => resolve())
      child.once('close', (code, signal) => {
        if (this.#exit === '') this.#exit = `exited with ${signal ?? `code ${code}`}`
        this.#child = undefined
        this.onclose?.()
      })
      // A stream error event without a listener would crash the gateway: one upstream's broken pipe is its own.
      for (const stream of [child.stdin, child.stdout, child.stderr])
        stream?.on('error', (error) => this.onerror?.(error))
      child.stdout?.on('data', (chunk: Buffer) => this.#read(chunk))
      child.stderr?.on('data', (chunk: Buffer) => {
        this.#stderr = (this.#stderr + chunk.toString('utf8')).slice(-STDERR_TAIL_CHARS)
      })
    })
  }

  #read(chunk: Buffer): void {
    try {
      this.#buffer.append(chunk)
    } catch (error) {
      // An over-long line: the stream can no longer be framed, so the connection is dropped.
      this.onerror?.(error as Error)
      this.kill()
      return
    }
    for (;;) {
      let message: JSONRPCMessage | null
      try {
        message = this.#buffer.readMessage()
      } catch (error) {
        this.onerror?.(error as Error)
        continue
      }
      if (message === null) return
      this.onmessage?.(message)
    }
  }

  send(message: JSONRPCMessage): Promise<void> {
    return new Promise((resolve, reject) => {
      const stdin = this.#child?.stdin
      if (stdin === undefined || stdin === null || !stdin.writable) {
        reject(new Error('upstream process is not running'))
        return
      }
      if (stdin.write(serializeMessage(message))) resolve()
      else stdin.once('drain', resolve)
    })
  }

  /** Ends at once with SIGKILL: for a server that stopped answering (it cannot be asked to exit). */
  kill(): void {
    const child = this.#child
    if (child !== undefined && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  }

  /** Closes stdin (well-behaved servers exit), then SIGTERM, then SIGKILL, each after `exitGraceMs`. */
  async close(): Promise<void> {
    const child = this.#child
    if (child === undefined) return
    const exited = new Promise<void>((resolve) => child.once('close', () => resolve()))
    const waited = () =>
      Promise.race([exited, new Promise<void>((r) => setTimeout(r, this.#launch.exitGraceMs).unref())])
    child.stdin?.end()
    await waited()
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      await waited()
    }
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    this.#buffer.clear()
  }
}
