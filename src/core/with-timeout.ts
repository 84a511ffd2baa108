import { WardenError } from '../errors/warden-error.js'

/**
 * Rejects with `code` ("<what>: no answer within <ms> ms", or without `what`) when `promise` has not settled
 * within `ms`; the timer never holds the process open.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, code: string, what?: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const message = `${what === undefined ? '' : `${what}: `}no answer within ${ms} ms`
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new WardenError(code, message)), ms)
    timer.unref()
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}
