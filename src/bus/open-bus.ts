import { WardenError } from '../errors/warden-error.js'
import type { Bus } from './bus.js'
import { MemoryBus, memoryHub } from './memory/memory-bus.js'
import { NatsBus } from './nats/nats-bus.js'
import { RedisBus } from './redis/redis-bus.js'

/**
 * Opens the bus a URL names (DESIGN.md): `memory:` (the process-wide in-process bus; `memory:NAME` a
 * separate named one), `redis://…` / `rediss://…` (Redis pub/sub), `nats://…` (NATS core).
 * Throws BUS_URL_INVALID for anything else and BUS_UNAVAILABLE when the broker cannot be reached.
 *
 * @example
 * const bus = await openBus(busUrlOf(values, loaded))
 */
export async function openBus(url: string): Promise<Bus> {
  const kind = busKindOf(url)
  if (kind === 'memory') return new MemoryBus(memoryHub(url.slice('memory:'.length)))
  return kind === 'redis' ? RedisBus.open(url) : NatsBus.open(url)
}

/**
 * Which bus a URL names, checked without connecting: what a command that publishes nothing uses to refuse
 * a malformed `--bus` the way openBus would. Throws BUS_URL_INVALID.
 *
 * @example
 * busKindOf('rediss://cache:6380') // 'redis'
 */
export function busKindOf(url: string): 'memory' | 'redis' | 'nats' {
  if (url.startsWith('memory:')) return 'memory'
  let scheme: string
  try {
    scheme = new URL(url).protocol
  } catch {
    throw invalid(url)
  }
  if (scheme === 'redis:' || scheme === 'rediss:') return 'redis'
  if (scheme === 'nats:') return 'nats'
  throw invalid(url)
}

function invalid(url: string): WardenError {
  return new WardenError(
    'BUS_URL_INVALID',
    `bus URL "${url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@')}" is not memory:, redis://…, rediss://… or nats://…`,
  )
}
