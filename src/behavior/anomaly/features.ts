import type { Action } from '../../core/action.js'
import { destinationsOf, mailDomain } from '../../flow/destinations.js'
import { tablesOf } from '../../flow/resources.js'

/** What the anomaly detectors look at in one action, computed once. */
export interface ActionFeatures {
  readonly tool: string
  /** Destination hosts and mail domains (`mail:example.org`). */
  readonly hosts: readonly string[]
  /** File path prefixes (first two segments) and tables (`table:orders`). */
  readonly prefixes: readonly string[]
  /** log2(1 + bytes of the JSON arguments). */
  readonly sizeBits: number
  /** FNV-1a of tool and arguments: the same call twice gets the same number. */
  readonly fingerprint: number
  /** UTC hour of day. */
  readonly hour: number
}

/** The features of `action` at `now` (ms since the epoch). */
export function featuresOf(action: Action, now: number): ActionFeatures {
  const json = JSON.stringify(action.args) ?? ''
  const hosts = destinationsOf(action).map((d) =>
    action.tool === 'email.send' ? `mail:${mailDomain(d)}` : d,
  )
  return {
    tool: action.tool,
    hosts,
    prefixes: prefixesOf(action),
    sizeBits: Math.log2(1 + json.length),
    // Head, tail and length identify a call well enough to count repeats, at a bounded cost.
    fingerprint: fnv1a(
      json.length > 256 ? json.slice(0, 192) + json.slice(-64) : json,
      fnv1a(action.tool, json.length),
    ),
    // Epoch milliseconds have no leap seconds: the UTC hour is plain arithmetic.
    hour: Math.floor(now / 3_600_000) % 24,
  }
}

function prefixesOf(action: Action): string[] {
  const path = action.args['path']
  if (typeof path === 'string' && action.tool.startsWith('files.')) {
    const parts = path.split('/').filter((p) => p.length > 0)
    return [`/${parts.slice(0, 2).join('/')}`]
  }
  const sql = action.args['sql']
  if (typeof sql === 'string' && action.tool === 'db.query') {
    return tablesOf(sql).map((t) => `table:${t}`)
  }
  return []
}

/** 32-bit FNV-1a over UTF-16 code units: cheap, and collisions only merge two calls for loop counting. */
export function fnv1a(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}
