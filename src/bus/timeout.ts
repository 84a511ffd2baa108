import { WardenError } from '../errors/warden-error.js'

/** Rejects with `code` when `promise` has not settled within `ms`; the timer never holds the process open. */
export function withTimeout<T>(promise: Promise<T>, ms: number, code: string, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new WardenError(code, `${what}: no answer within ${ms} ms`)), ms)
    timer.unref()
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}
