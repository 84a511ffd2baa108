import { request } from 'undici'
import type { ToolResult } from '../../gateway/tool-source.js'
import type { AgentPolicy } from '../../policy/agent-policy.js'
import { checkHttpRequest } from '../../policy/apis/apis-policy.js'
import { checkHttpHeaders } from '../../policy/apis/http-headers.js'
import { TOOL_LIMITS } from '../tool-limits.js'
import { failure, success } from '../tool-result.js'
import { pinAddress, pinnedDispatcher, type ResolveHost } from './pinned-address.js'

/** What one http.request call knows besides its arguments. */
export interface HttpCall {
  readonly policy: AgentPolicy | undefined
  readonly dryRun: boolean
  readonly agentId: string
  readonly signal: AbortSignal
}

const REDIRECTS = new Set([301, 302, 303, 307, 308])
// Credentials travel to the origin the agent named, never to wherever a redirect points.
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization']

/**
 * Runs http.request: every hop (the first and each redirect) passes checkHttpRequest with the agent's
 * apis grant and the address check of pinAddress, then connects to the checked address only. Redirects
 * are followed by hand up to maxRedirects; the response body is read up to maxResponseBytes and the
 * whole exchange is bounded by httpTimeoutMs. A dry-run resolves and checks, and shows the request.
 */
export async function runHttpRequest(
  args: Readonly<Record<string, unknown>>,
  call: HttpCall,
  resolve: ResolveHost,
): Promise<ToolResult> {
  const policy = call.policy?.apis
  if (policy === undefined)
    return failure('TOOL_NOT_GRANTED', `agent ${call.agentId} has no apis permissions`)
  const headerCheck = checkHttpHeaders(args.headers)
  if (!headerCheck.allowed) return failure(headerCheck.code, headerCheck.reason)
  if (args.body !== undefined && typeof args.body !== 'string')
    return failure('TOOL_BAD_ARGUMENTS', 'body must be a string')
  const body = args.body === undefined ? undefined : Buffer.from(args.body, 'utf8')
  if (body !== undefined && body.length > TOOL_LIMITS.maxRequestBodyBytes) {
    return failure(
      'TOOL_HTTP_BODY_TOO_LARGE',
      `the body is ${body.length} bytes; the limit is ${TOOL_LIMITS.maxRequestBodyBytes}`,
    )
  }
  let method = typeof args.method === 'string' ? args.method.toUpperCase() : args.method
  let url = args.url
  let headers = { ...((args.headers as Record<string, string> | undefined) ?? {}) }
  let payload = body
  const signal = AbortSignal.any([call.signal, AbortSignal.timeout(TOOL_LIMITS.httpTimeoutMs)])
  const hops: string[] = []
  for (let hop = 0; ; hop++) {
    const decision = checkHttpRequest(policy, method, url)
    if (!decision.allowed)
      return failure(decision.code, `${hop === 0 ? '' : `redirect ${hop}: `}${decision.reason}`)
    const target = new URL(url as string)
    const pinned = await pinAddress(target.hostname, resolve)
    if (!pinned.ok) return pinned.result
    if (call.dryRun) {
      const shown = {
        method,
        url: target.href,
        headers,
        bodyBytes: payload?.length ?? 0,
        address: pinned.value.address,
      }
      return success(`dry-run: would send ${method} ${target.href} to ${pinned.value.address}`, {
        dryRun: true,
        request: shown,
      })
    }
    const agent = pinnedDispatcher(pinned.value)
    try {
      const response = await request(target, {
        method: method as 'GET',
        headers,
        ...(payload === undefined ? {} : { body: payload }),
        dispatcher: agent,
        signal,
        headersTimeout: TOOL_LIMITS.httpTimeoutMs,
        bodyTimeout: TOOL_LIMITS.httpTimeoutMs,
      })
      const location = response.headers.location
      if (REDIRECTS.has(response.statusCode) && typeof location === 'string') {
        await response.body.dump()
        if (hop >= TOOL_LIMITS.maxRedirects) {
          return failure('TOOL_HTTP_TOO_MANY_REDIRECTS', `more than ${TOOL_LIMITS.maxRedirects} redirects`)
        }
        const next = new URL(location, target)
        hops.push(next.href)
        if (
          response.statusCode === 303 ||
          ((response.statusCode === 301 || response.statusCode === 302) && method === 'POST')
        ) {
          method = method === 'HEAD' ? 'HEAD' : 'GET'
          payload = undefined
        }
        if (next.origin !== target.origin) headers = withoutCredentials(headers)
        url = next.href
        continue
      }
      const read = await readCapped(response.body, response.headers['content-length'])
      if (!read.ok)
        return failure(
          'TOOL_HTTP_RESPONSE_TOO_LARGE',
          `the response exceeds ${TOOL_LIMITS.maxResponseBytes} bytes`,
        )
      return result(response.statusCode, response.headers, read.bytes, target.href, hops)
    } catch (error) {
      if (signal.aborted) {
        return call.signal.aborted
          ? failure('TOOL_CANCELLED', 'the call was cancelled')
          : failure('TOOL_HTTP_TIMEOUT', `no complete answer within ${TOOL_LIMITS.httpTimeoutMs} ms`)
      }
      return failure('TOOL_HTTP_FAILED', `${method} ${target.href} failed: ${(error as Error).message}`)
    } finally {
      void agent.close()
    }
  }
}

async function readCapped(
  body: AsyncIterable<Uint8Array> & { destroy(): unknown },
  declared: string | string[] | undefined,
): Promise<{ ok: true; bytes: Buffer } | { ok: false }> {
  if (typeof declared === 'string' && Number(declared) > TOOL_LIMITS.maxResponseBytes) {
    body.destroy()
    return { ok: false }
  }
  const chunks: Uint8Array[] = []
  let total = 0
  for await (const chunk of body) {
    total += chunk.length
    if (total > TOOL_LIMITS.maxResponseBytes) {
      body.destroy()
      return { ok: false }
    }
    chunks.push(chunk)
  }
  return { ok: true, bytes: Buffer.concat(chunks) }
}

function result(
  status: number,
  headers: Record<string, unknown>,
  bytes: Buffer,
  url: string,
  hops: readonly string[],
): ToolResult {
  let text: string | undefined
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    text = undefined
  }
  const contentType = typeof headers['content-type'] === 'string' ? headers['content-type'] : undefined
  const facts = {
    status,
    url,
    redirects: hops,
    ...(contentType === undefined ? {} : { contentType }),
    bytes: bytes.length,
    encoding: text === undefined ? 'base64' : 'utf8',
    body: text ?? bytes.toString('base64'),
  }
  return success(`HTTP ${status} from ${url}\n${facts.body}`, facts)
}

function withoutCredentials(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => !CREDENTIAL_HEADERS.includes(name.toLowerCase())),
  )
}
