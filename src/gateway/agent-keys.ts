import { hash, timingSafeEqual } from 'node:crypto'
import type { WardenConfig } from '../config/schema.js'

/** `sha256:<hex>` of a bearer key: how keys are configured and stored (never the key itself). */
export function hashKey(key: string): string {
  return `sha256:${hash('sha256', key, 'hex')}`
}

/**
 * Finds the agent a bearer key belongs to. Every configured hash is compared in constant time, so the
 * time taken does not say how much of a guessed key matched.
 */
export function agentKeyLookup(
  config: WardenConfig,
  extra: ReadonlyMap<string, string> = new Map(),
): (key: string) => string | undefined {
  const entries: Array<[Buffer, string]> = []
  for (const [agentId, agent] of Object.entries(config.agents)) {
    for (const keyHash of agent.keys) entries.push([Buffer.from(keyHash), agentId])
  }
  for (const [keyHash, agentId] of extra) entries.push([Buffer.from(keyHash), agentId])
  return (key) => {
    if (typeof key !== 'string' || key.length === 0 || key.length > 512) return undefined
    const candidate = Buffer.from(hashKey(key))
    let found: string | undefined
    for (const [keyHash, agentId] of entries) {
      if (keyHash.length === candidate.length && timingSafeEqual(keyHash, candidate) && found === undefined)
        found = agentId
    }
    return found
  }
}
