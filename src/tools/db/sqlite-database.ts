import { type ChildProcess, spawn as spawnProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { WardenError } from '../../errors/warden-error.js'
import { decodeValue, type EncodedRow, encodeValue } from '../snapshots/row-codec.js'
import {
  type ExecuteRequest,
  type ExecuteResult,
  type RowImages,
  type SqlDatabase,
  SqlFailure,
  upsertSql,
} from './sql-database.js'
import { SQLITE_WORKER_SOURCE } from './sqlite-worker-source.js'

interface Pending {
  readonly worker: ChildProcess
  readonly resolve: (value: unknown) => void
  readonly reject: (error: Error) => void
}

/**
 * A governed SQLite database: statements run one at a time in a worker process, each under the statement
 * timeout; a timed-out or cancelled statement costs the worker (it is killed, which stops the statement
 * and releases its locks; the failure is reported once it has exited, and it is replaced on the next call).
 *
 * @example const db = openSqliteDatabase('/srv/warden/sandbox/shop.db')
 */
export function openSqliteDatabase(path: string): SqlDatabase {
  if (!existsSync(path))
    throw new WardenError('TOOL_DB_UNAVAILABLE', `the SQLite database ${path} does not exist`)
  const driver = createRequire(import.meta.url).resolve('better-sqlite3')
  let worker: ChildProcess | undefined
  let nextId = 0
  const pending = new Map<number, Pending>()
  let tail: Promise<unknown> = Promise.resolve()

  const spawn = (): ChildProcess => {
    // Only what the worker needs in its environment: no NODE_OPTIONS or loaders of the parent.
    const w = spawnProcess(process.execPath, ['-e', SQLITE_WORKER_SOURCE], {
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
      serialization: 'advanced',
      env: { WARDEN_SQLITE_WORKER: JSON.stringify({ driver, path }) },
    })
    w.unref()
    w.channel?.unref()
    w.on('message', (m: { id: number; ok: boolean; value?: unknown; code?: string; message?: string }) => {
      const p = pending.get(m.id)
      pending.delete(m.id)
      if (m.ok) p?.resolve(m.value)
      else
        p?.reject(
          new SqlFailure(m.code?.startsWith('TOOL_') ? m.code : 'TOOL_DB_ERROR', m.message ?? 'error'),
        )
    })
    const lost = (error: Error) => {
      if (worker === w) worker = undefined
      for (const [id, p] of pending) {
        if (p.worker !== w) continue
        pending.delete(id)
        p.reject(new SqlFailure('TOOL_DB_ERROR', `SQLite worker stopped: ${error.message}`))
      }
    }
    w.on('error', lost)
    w.on('exit', () => lost(new Error('exited')))
    return w
  }

  const send = (
    message: Record<string, unknown>,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<unknown> => {
    const run = () =>
      new Promise<unknown>((resolve, reject) => {
        if (signal?.aborted === true)
          return reject(new SqlFailure('TOOL_CANCELLED', 'the call was cancelled'))
        worker ??= spawn()
        const w = worker
        const id = nextId++
        // The answer waits for the worker's exit: only then has the OS released its locks, so whatever the
        // caller does next (another write, a rollback) finds the database free.
        const abandon = (code: string, why: string) => {
          pending.delete(id)
          if (worker === w) worker = undefined
          const failure = new SqlFailure(code, why)
          if (w.exitCode !== null || w.signalCode !== null) return reject(failure)
          w.once('exit', () => reject(failure))
          w.kill('SIGKILL')
        }
        const timer = setTimeout(
          () => abandon('TOOL_DB_TIMEOUT', `the statement ran past ${timeoutMs} ms and was cancelled`),
          timeoutMs,
        )
        const onAbort = () => abandon('TOOL_CANCELLED', 'the call was cancelled')
        signal?.addEventListener('abort', onAbort, { once: true })
        const settle = () => {
          clearTimeout(timer)
          signal?.removeEventListener('abort', onAbort)
        }
        pending.set(id, {
          worker: w,
          resolve: (v) => {
            settle()
            resolve(v)
          },
          reject: (e) => {
            settle()
            reject(e)
          },
        })
        w.send({ id, ...message })
      })
    const result = tail.then(run, run)
    tail = result.catch(() => undefined)
    return result
  }

  return {
    engine: 'sqlite',
    async execute(request: ExecuteRequest): Promise<ExecuteResult> {
      const { signal, ...plain } = request
      const raw = (await send(
        { op: 'execute', request: plain },
        request.timeoutMs,
        signal,
      )) as ExecuteResult & {
        images?: { rows?: unknown[][] }
      }
      if (raw.images === undefined || !('rows' in raw.images)) return raw
      const images = raw.images as RowImages & { rows: unknown[][] }
      return { ...raw, images: { ...images, rows: images.rows.map((row) => row.map(encodeValue)) } }
    },
    async restoreRows(images: RowImages): Promise<number> {
      const sql = upsertSql(images, () => '?')
      const rows = images.rows.map((row: EncodedRow) => row.map(decodeValue))
      return (await send({ op: 'restore', images: { sql, rows } }, 60_000)) as number
    },
    async close(): Promise<void> {
      const w = worker
      worker = undefined
      if (w === undefined || w.exitCode !== null) return
      // Held open until the worker has gone, so close() resolves after its connections are closed.
      w.ref()
      const exited = new Promise((resolve) => w.once('exit', resolve))
      const force = setTimeout(() => w.kill('SIGKILL'), 2_000)
      w.disconnect()
      await exited
      clearTimeout(force)
    },
  }
}
