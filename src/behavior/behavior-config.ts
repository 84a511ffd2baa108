import type { WardenConfig } from '../config/schema.js'
import { WardenError } from '../errors/warden-error.js'
import { type CompiledFlow, compileFlow } from '../flow/flow-config.js'
import { ANOMALY_DEFAULTS, type AnomalySettings } from './anomaly/anomaly-defaults.js'
import { type Budget, compileBudgets } from './impact.js'
import { compileRateLimits, type RateLimits } from './rate-limits.js'

/** The behavior and flow sections compiled once, at start-up. */
export interface CompiledBehavior {
  readonly rateLimits: RateLimits
  readonly anomaly: AnomalySettings
  readonly budgets: readonly Budget[]
  readonly flow: CompiledFlow
}

/**
 * Compiles `behavior`, `flow` and the upstreams' `untrusted`/`egress` marks; bad durations or
 * thresholds out of order throw CONFIG_INVALID now, never per request.
 *
 * @example compileBehavior({ upstreams: {} }).flow.trifecta // 'deny'
 */
export function compileBehavior(
  config: Pick<WardenConfig, 'upstreams'> & Partial<Pick<WardenConfig, 'behavior' | 'flow'>>,
): CompiledBehavior {
  const b = config.behavior
  const a = b?.anomaly
  const anomaly: AnomalySettings = Object.freeze({
    enabled: a?.enabled ?? true,
    warmupActions: a?.warmupActions ?? ANOMALY_DEFAULTS.warmupActions,
    reviewAt: a?.review ?? ANOMALY_DEFAULTS.reviewAt,
    approveAt: a?.approve ?? ANOMALY_DEFAULTS.approveAt,
    pauseAt: a?.pause ?? ANOMALY_DEFAULTS.pauseAt,
  })
  if (!(anomaly.reviewAt <= anomaly.approveAt && anomaly.approveAt <= anomaly.pauseAt)) {
    throw new WardenError(
      'CONFIG_INVALID',
      'behavior.anomaly thresholds must satisfy review <= approve <= pause',
    )
  }
  const budgets = compileBudgets(b?.budgets ?? [])
  const names = new Set<string>()
  for (const budget of budgets) {
    if (names.has(budget.name))
      throw new WardenError('CONFIG_INVALID', `behavior.budgets: ${budget.name} appears twice`)
    names.add(budget.name)
  }
  return Object.freeze({
    rateLimits: compileRateLimits(b?.rateLimits ?? []),
    anomaly,
    budgets: Object.freeze(budgets),
    flow: compileFlow(config.flow, config.upstreams),
  })
}
