import picomatch from 'picomatch'
import type { FlowConfig, UpstreamConfig } from '../config/schema.js'
import type { Decision } from '../core/action.js'
import { tablesOf } from './resources.js'

/** Tools whose results are untrusted unless configured otherwise: the web, mail, inboxes, search. */
export const DEFAULT_UNTRUSTED_TOOLS: readonly string[] = Object.freeze([
  'http.request',
  'email.read',
  'email.list',
  '*/*fetch*',
  '*/*browse*',
  '*/*scrape*',
  '*/*web*',
  '*/*mail*',
  '*/*inbox*',
  '*/*search*',
])

/** File paths whose contents arrive from outside (inbox-like folders). */
export const DEFAULT_UNTRUSTED_PATHS: readonly string[] = Object.freeze([
  '**/inbox/**',
  '**/incoming/**',
  '**/downloads/**',
  '**/uploads/**',
  '**/attachments/**',
  '**/mail/**',
])

type Matcher = (value: string) => boolean

// Upstream tools whose names say they send (`slack/post_message`, `gmail/send_email`, `drive/upload_file`),
// by whole word: `blog/get_posts` reads. The safe default when `flow.egressTools` is not set: an
// unmarked way out would otherwise escape the flow rules entirely.
const SEND_WORD =
  /(?:^|[_.-])(?:send|post|upload|publish|share|reply|forward|notify|comment|tweet|webhook|submit|transfer)(?:[_.-]|$)/i

/** Whether an upstream tool's name (the part after `server/`) reads like sending data out. */
export function looksLikeSend(tool: string): boolean {
  const slash = tool.indexOf('/')
  return slash > 0 && SEND_WORD.test(tool.slice(slash + 1).replace(/([a-z])([A-Z])/g, '$1_$2'))
}
export type PrivateClass = 'confidential' | 'restricted'

/** The flow section compiled once: matchers built, upstream marks indexed. */
export interface CompiledFlow {
  readonly enabled: boolean
  readonly scope: 'session' | 'agent'
  readonly untrustedEgress: Decision
  readonly trifecta: Decision
  isUntrustedTool(tool: string): boolean
  isUntrustedPath(path: string): boolean
  /** The upstream server of `server/tool` and its marks, when configured. */
  upstreamOf(
    tool: string,
  ): { readonly server: string; readonly untrusted: boolean; readonly egress: boolean } | undefined
  isEgressTool(tool: string): boolean
  /** The class of private data the action reads by configuration, and which resource said so. */
  classify(
    tool: string,
    args: Readonly<Record<string, unknown>>,
  ): { cls: PrivateClass; source: string } | undefined
  /** Patterns a destination must match to receive data of `cls` (restricted destinations also take confidential). */
  destinationsFor(cls: PrivateClass): readonly string[]
}

const glob = (patterns: readonly string[]): Matcher =>
  patterns.length === 0 ? () => false : picomatch([...patterns], { dot: true, nocase: true })

/**
 * Compiles `flow` (absent → safe defaults: on, untrusted egress needs approval, the trifecta is denied).
 *
 * @example compileFlow(undefined, {}).trifecta // 'deny'
 */
export function compileFlow(
  flow: FlowConfig | undefined,
  upstreams: Readonly<Record<string, Pick<UpstreamConfig, 'untrusted' | 'egress'>>>,
): CompiledFlow {
  const untrustedTool = glob(flow?.untrustedTools ?? DEFAULT_UNTRUSTED_TOOLS)
  const untrustedPath = glob(flow?.untrustedPaths ?? DEFAULT_UNTRUSTED_PATHS)
  const egressTool = flow?.egressTools === undefined ? looksLikeSend : glob(flow.egressTools)
  const resources = (flow?.resources ?? []).map((r) => ({
    cls: r.classification,
    path: r.path === undefined ? undefined : glob([r.path]),
    table: r.table?.toLowerCase(),
    tool: r.tool === undefined ? undefined : glob([r.tool]),
    source: r.path ?? (r.table === undefined ? (r.tool ?? '') : `table ${r.table}`),
  }))
  const restricted = (flow?.destinations.restricted ?? []).map((d) => d.toLowerCase())
  const confidential = [...(flow?.destinations.confidential ?? []).map((d) => d.toLowerCase()), ...restricted]
  const upstreamOf = (tool: string) => {
    const slash = tool.indexOf('/')
    if (slash <= 0) return undefined
    const server = tool.slice(0, slash)
    const u = Object.hasOwn(upstreams, server) ? upstreams[server] : undefined
    if (u === undefined) return undefined
    const name = tool.slice(slash + 1)
    return { server, untrusted: u.untrusted, egress: u.egress.includes(name) || u.egress.includes(tool) }
  }
  return Object.freeze({
    enabled: flow?.enabled ?? true,
    scope: flow?.scope ?? 'session',
    untrustedEgress: flow?.untrustedEgress ?? 'approve',
    trifecta: flow?.trifecta ?? 'deny',
    isUntrustedTool: untrustedTool,
    isUntrustedPath: untrustedPath,
    upstreamOf,
    isEgressTool: egressTool,
    classify(tool: string, args: Readonly<Record<string, unknown>>) {
      const path = tool.startsWith('files.') && typeof args['path'] === 'string' ? args['path'] : undefined
      const tables = tool === 'db.query' && typeof args['sql'] === 'string' ? tablesOf(args['sql']) : []
      let best: { cls: PrivateClass; source: string } | undefined
      for (const r of resources) {
        const hit =
          (r.path !== undefined && path !== undefined && r.path(path)) ||
          (r.table !== undefined && tables.some((t) => t === r.table || t.endsWith(`.${r.table}`))) ||
          r.tool?.(tool)
        if (hit && (best === undefined || r.cls === 'restricted')) best = { cls: r.cls, source: r.source }
      }
      return best
    },
    destinationsFor: (cls: PrivateClass) => (cls === 'restricted' ? restricted : confidential),
  })
}
