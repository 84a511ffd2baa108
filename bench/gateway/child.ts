import { type ChildProcess, fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'

// Resolved here, not in the child's working directory (a temporary folder without node_modules).
const TSX = import.meta.resolve('tsx')

/** A bench server in its own process: its URL, its CPU time so far, and a clean stop. */
export interface BenchChild {
  readonly url: string
  /** User + system CPU time the child has used, in microseconds. */
  cpuUs(): Promise<number>
  stop(): Promise<void>
  /** Starts a CPU profile in the child (gateway-process.ts only). */
  profileStart(): void
  /** Stops it; resolves once the child wrote the profile. */
  profileStop(): Promise<void>
}

/**
 * Forks `script` (a TypeScript file beside this one, run through tsx) and waits for its `{url}` message.
 * Extra node flags (`--cpu-prof`) go in `execArgv`.
 */
export function startChild(
  script: string,
  options: { cwd?: string; env?: Record<string, string>; execArgv?: readonly string[] } = {},
): Promise<BenchChild> {
  const child = fork(fileURLToPath(new URL(script, import.meta.url)), [], {
    cwd: options.cwd ?? process.cwd(),
    env: { ...process.env, ...options.env },
    execArgv: ['--import', TSX, ...(options.execArgv ?? [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`${script} exited (${code}) before listening`))
    child.once('exit', onExit)
    child.once('message', (message) => {
      child.off('exit', onExit)
      const { url } = message as { url: string }
      resolve({
        url,
        cpuUs: () => cpuOf(child),
        stop: () => stopChild(child),
        profileStart: () => child.send('profile-start'),
        profileStop: () => profileStop(child),
      })
    })
  })
}

function cpuOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    const listener = (message: unknown) => {
      const cpu = (message as { cpu?: { user: number; system: number } }).cpu
      if (cpu === undefined) return
      child.off('message', listener)
      resolve(cpu.user + cpu.system)
    }
    child.on('message', listener)
    child.send('cpu')
  })
}

function profileStop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    const listener = (message: unknown) => {
      if ((message as { profiled?: boolean }).profiled !== true) return
      child.off('message', listener)
      resolve()
    }
    child.on('message', listener)
    child.send('profile-stop')
  })
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve()
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    child.send('exit')
  })
}
