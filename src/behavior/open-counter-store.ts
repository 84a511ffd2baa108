import { WardenError } from '../errors/warden-error.js'
import type { CounterStore } from './counter-store.js'
import { MemoryCounterStore } from './memory-counter-store.js'
import { RedisCounterStore } from './redis-counter-store.js'

/**
 * Opens the counter store a URL names: absent or `memory:` → in-process; `redis://` or `rediss://` →
 * Redis (connected now, or BEHAVIOR_STORE_UNAVAILABLE). Anything else is a configuration error.
 *
 * @example const store = await openCounterStore(config.behavior?.counters)
 */
export async function openCounterStore(url: string | undefined): Promise<CounterStore> {
  if (url === undefined || url === 'memory:') return new MemoryCounterStore()
  if (url.startsWith('redis://') || url.startsWith('rediss://')) return RedisCounterStore.open(url)
  throw new WardenError(
    'CONFIG_INVALID',
    `behavior.counters must be memory: or a redis:// URL, not ${JSON.stringify(url.split('@').pop())}`,
  )
}
