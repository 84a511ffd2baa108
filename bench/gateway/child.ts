import { type ChildProcess, fork, spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

// Resolved here, not in the child's working directory (a temporary folder without node_modules).
const TSX = import.meta.resolve('tsx')

/** What a child has used so far. */
export interface ChildUsage {
  readonly cpuUs: number
  /** Audit transactions committed and records in them (the Warden process only). */
  readonly transactions: number
  readonly records: number
  /** CPU time of the child's main thread (µs; Linux only). */
  readonly mainThreadUs?: number
}

/** A bench server in its own process: its URL, its CPU time so far, and a clean stop. */
export interface BenchChild {
  readonly url: string
  /** Its process id (to attach `perf record`). */
  readonly pid: number
  /** User + system CPU time the child has used (µs) and, for Warden, its audit commits so far. */
  usage(): Promise<ChildUsage>
  stop(): Promise<void>
  /** Starts a CPU profile in the child (gateway-process.ts only). */
  profileStart(): void
  /** Stops it; resolves once the child wrote the profile. */
  profileStop(): Promise<void>
}

/**
 * Forks `script` (a TypeScript file beside this one, run through tsx) and waits for its `{url}` message.
 * Extra node flags (`--cpu-prof`) go in `execArgv`; `cpus` (a taskset list such as `1` or `2-3`) pins every
 * thread of the child to those CPUs once it listens.
 */
export function startChild(
  script: string,
  options: { cwd?: string; env?: Record<string, string>; execArgv?: readonly string[]; cpus?: string } = {},
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
      if (options.cpus !== undefined && child.pid !== undefined) pinTo(options.cpus, child.pid)
      resolve({
        url,
        pid: child.pid ?? 0,
        usage: () => usageOf(child),
        stop: () => stopChild(child),
        profileStart: () => child.send('profile-start'),
        profileStop: () => profileStop(child),
      })
    })
  })
}

function usageOf(child: ChildProcess): Promise<ChildUsage> {
  return new Promise((resolve) => {
    const listener = (message: unknown) => {
      const { cpu, commits, mainThreadUs } = message as {
        cpu?: { user: number; system: number }
        commits?: { transactions: number; records: number }
        mainThreadUs?: number
      }
      if (cpu === undefined) return
      child.off('message', listener)
      resolve({
        cpuUs: cpu.user + cpu.system,
        transactions: commits?.transactions ?? 0,
        records: commits?.records ?? 0,
        ...(mainThreadUs === undefined ? {} : { mainThreadUs }),
      })
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

/**
 * Pins every thread of process `pid` to `cpus` (Linux `taskset -a -c`). Throws when taskset is missing or
 * refuses: a run asked to be pinned must not silently run unpinned.
 */
export function pinTo(cpus: string, pid: number): void {
  const done = spawnSync('taskset', ['-a', '-c', '-p', cpus, String(pid)], { encoding: 'utf8' })
  if (done.status !== 0)
    throw new Error(`taskset -a -c -p ${cpus} ${pid} failed: ${done.error?.message ?? done.stderr}`)
}
