import picomatch from 'picomatch'
import type { BehaviorConfig } from '../config/schema.js'
import type { Action } from '../core/action.js'
import { hostOf } from '../flow/destinations.js'
import type { WindowBucket } from './counter-store.js'
import { parseDuration } from './duration.js'

/** One configured limit, compiled: which bucket an action draws on, if any. */
interface CompiledLimit {
  readonly per: 'agent' | 'tool' | 'host' | 'session'
  readonly limit: number
  readonly windowMs: number
  readonly applies: (tool: string) => boolean
}

/** The rate limits of `behavior.rateLimits`, ready to name the buckets of an action. */
export interface RateLimits {
  readonly count: number
  /** The buckets `action` draws on; each limit's keys are its own (index in the list). */
  bucketsFor(action: Action): WindowBucket[]
  /** A human description of the limit behind a bucket `bucketsFor` returned. */
  describe(bucket: WindowBucket): string
}

/**
 * Compiles the configured rate limits (per agent, per agent and tool, per agent and destination host,
 * per session). The apis `rateLimit` of an agent's policy stays with the policy stage; a `per: host`
 * limit here is the one several instances share through Redis.
 *
 * @example compileRateLimits([{ per: 'tool', limit: 10, window: '1m' }]).bucketsFor(action)
 */
export function compileRateLimits(specs: BehaviorConfig['rateLimits']): RateLimits {
  const limits: CompiledLimit[] = specs.map((s) => ({
    per: s.per,
    limit: s.limit,
    windowMs: parseDuration(s.window),
    applies: s.tools === undefined ? () => true : picomatch(s.tools, { dot: true }),
  }))
  const texts = limits.map((l) => `${l.limit} per ${l.windowMs / 1000} s per ${l.per}`)
  return {
    count: limits.length,
    bucketsFor(action) {
      const out: WindowBucket[] = []
      // The agent in braces is a Redis Cluster hash tag: every bucket of one take lands in one slot, as a
      // multi-key script requires. Encoding keeps braces in agent names from moving the tag.
      const agent = `{${encodeURIComponent(action.agent)}}`
      for (let i = 0; i < limits.length; i++) {
        const l = limits[i] as CompiledLimit
        if (!l.applies(action.tool)) continue
        const scope = scopeOf(l.per, action, agent)
        if (scope === undefined) continue
        out.push({ key: `rate:${i}:${l.per}:${scope}`, limit: l.limit, windowMs: l.windowMs })
      }
      return out
    },
    describe: (bucket) =>
      texts[Number(bucket.key.split(':')[1])] ?? `${bucket.limit} per ${bucket.windowMs / 1000} s`,
  }
}

function scopeOf(per: CompiledLimit['per'], action: Action, agent: string): string | undefined {
  switch (per) {
    case 'agent':
      return agent
    case 'tool':
      return `${agent}:${encodeURIComponent(action.tool)}`
    case 'session':
      return `${agent}:${encodeURIComponent(action.session ?? '')}`
    case 'host': {
      const host = action.tool === 'http.request' ? hostOf(action.args['url']) : undefined
      return host === undefined ? undefined : `${agent}:${host}`
    }
  }
}
