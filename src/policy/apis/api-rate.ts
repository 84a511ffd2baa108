import { DEFAULTS } from '../../config/defaults.js'
import { type BoundaryResult, PERMITTED, refused } from '../boundary.js'
import type { ApisPolicy } from './apis-policy.js'
import { SlidingWindowLimiter } from './sliding-window.js'

/**
 * The limiter for an agent's `apis.rateLimit` (per minute, sliding window), or undefined when the section
 * sets none. Create one per compiled policy and keep it for the gateway's life (state is in-process).
 */
export function createApiRateLimiter(policy: ApisPolicy): SlidingWindowLimiter | undefined {
  return policy.rateLimit === undefined
    ? undefined
    : new SlidingWindowLimiter(policy.rateLimit, DEFAULTS.apiRateWindowMs)
}

/**
 * Counts one request of `agent` against its rate limit at `nowMs` (per agent and allowed-host set).
 * Call it only for requests that passed checkHttpRequest, so refused requests do not use up the budget.
 *
 * @example
 * checkApiRate(limiter, policy, 'reporter', now) // { allowed: false, code: 'RATE_LIMITED', reason: '… retry in 12.3 s' }
 */
export function checkApiRate(
  limiter: SlidingWindowLimiter | undefined,
  policy: ApisPolicy,
  agent: string,
  nowMs: number,
): BoundaryResult {
  if (limiter === undefined) return PERMITTED
  const taken = limiter.tryTake(`${agent}\u0000${policy.hostSetKey}`, nowMs)
  if (taken.ok) return PERMITTED
  const seconds = (taken.retryAfterMs / 1000).toFixed(1)
  return refused(
    'RATE_LIMITED',
    `more than ${limiter.limit} API requests in ${limiter.windowMs / 1000} s; retry in ${seconds} s`,
    { retryAfterMs: taken.retryAfterMs, limit: limiter.limit, windowMs: limiter.windowMs },
  )
}
