import { lookup as dnsLookup } from 'node:dns/promises'
import { isIP } from 'node:net'
import { Agent } from 'undici'
import { ipScope } from '../../policy/apis/ip-scope.js'
import { type Outcome, refusedWith } from '../tool-result.js'

/** Resolves a host name to every address it has (injectable so tests can play DNS). */
export type ResolveHost = (hostname: string) => Promise<readonly { address: string; family: number }[]>

/** The system resolver (getaddrinfo, every address, in the order the system gives). */
export const systemResolve: ResolveHost = (hostname) => dnsLookup(hostname, { all: true, verbatim: true })

/** The one address a request will connect to, already checked. */
export interface PinnedAddress {
  readonly address: string
  readonly family: 4 | 6
}

/**
 * Picks the address to connect to and refuses server-side request forgery targets. An IP literal in the
 * URL was explicitly allowed by the policy (checkHttpRequest refuses unlisted ones) and is used as is. A
 * name is resolved, and refused if ANY of its addresses is loopback, private, link-local (cloud metadata),
 * unspecified, multicast or reserved: the caller then connects to the checked address only, so a second
 * DNS answer (rebinding) cannot send the connection elsewhere.
 */
export async function pinAddress(hostname: string, resolve: ResolveHost): Promise<Outcome<PinnedAddress>> {
  const bare = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname
  const literal = isIP(bare)
  if (literal !== 0) return { ok: true, value: { address: bare, family: literal === 6 ? 6 : 4 } }
  let answers: readonly { address: string; family: number }[]
  try {
    answers = await resolve(bare)
  } catch (error) {
    return refusedWith(
      'TOOL_HTTP_DNS_FAILED',
      `${bare} does not resolve (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    )
  }
  if (answers.length === 0) return refusedWith('TOOL_HTTP_DNS_FAILED', `${bare} has no addresses`)
  for (const answer of answers) {
    const scope = ipScope(answer.family === 6 ? `[${answer.address}]` : answer.address)
    if (scope !== 'public') {
      return refusedWith(
        'TOOL_HTTP_PRIVATE_ADDRESS',
        `${bare} resolves to ${answer.address} (${scope ?? 'not an address'}); only an explicitly allowed IP may be ${scope ?? 'used'}`,
      )
    }
  }
  const first = answers[0] as { address: string; family: number }
  return { ok: true, value: { address: first.address, family: first.family === 6 ? 6 : 4 } }
}

/**
 * An undici dispatcher whose every connection goes to the pinned address, whatever DNS answers now: the
 * address that was checked is the address that is reached (no rebinding between check and connect). TLS
 * still sends and verifies the URL's host name.
 */
export function pinnedDispatcher(pinned: PinnedAddress): Agent {
  const lookup = (_host: string, options: { all?: boolean }, done: (...args: unknown[]) => void) =>
    options.all === true
      ? done(null, [{ address: pinned.address, family: pinned.family }])
      : done(null, pinned.address, pinned.family)
  return new Agent({ connect: { lookup } as never })
}
