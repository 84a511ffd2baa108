import type { Action } from '../core/action.js'

/**
 * Where an action would send data: the host of an `http.request` url, the recipients of an `email.send`
 * (lower-cased). Empty when the action names no destination Warden can read.
 *
 * @example
 * destinationsOf({ agent: 'a', tool: 'email.send', args: { to: ['Bob@Example.org'] } }) // ['bob@example.org']
 */
export function destinationsOf(action: Action): string[] {
  if (action.tool === 'http.request') {
    const host = hostOf(action.args['url'])
    return host === undefined ? [] : [host]
  }
  if (action.tool === 'email.send') {
    const to = action.args['to']
    const list = typeof to === 'string' ? [to] : Array.isArray(to) ? to : []
    return list.filter((a): a is string => typeof a === 'string').map((a) => a.trim().toLowerCase())
  }
  return []
}

/** The lower-case host of a URL string, or undefined when it does not parse. */
export function hostOf(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined
  try {
    return new URL(url).hostname.toLowerCase()
  } catch {
    return undefined
  }
}

/** The domain of a mail address (after the last `@`), or the value itself when it has none. */
export function mailDomain(address: string): string {
  const at = address.lastIndexOf('@')
  return at < 0 ? address : address.slice(at + 1)
}
