import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { WardenError } from '../errors/warden-error.js'
import { type AgentProfile, reviveProfile } from './anomaly/profile.js'
import type { CounterStore, MultiTakeResult, WindowBucket } from './counter-store.js'
import { ADD_SCRIPT, TAKE_SCRIPT } from './redis-scripts.js'

export interface RedisCounterStoreOptions {
  /** Key prefix (default `warden:behavior:`). */
  readonly prefix?: string
  /**
   * `server` (default): windows follow Redis's TIME, one clock for every instance. `caller`: the `now`
   * passed in (tests, and `warden check` simulating time).
   */
  readonly clock?: 'server' | 'caller'
  readonly connectTimeoutMs?: number
  /** A command unanswered this long rejects (default 1,000 ms): a hung server denies fast, not at the stage budget. */
  readonly commandTimeoutMs?: number
}

/** How long a baseline survives without activity. */
const PROFILE_TTL_S = 30 * 86_400

interface ScriptedRedis extends Redis {
  wardenTake(...args: Array<string | number>): Promise<Array<number>>
  wardenAdd(...args: Array<string | number>): Promise<string>
}

/**
 * Counters and baselines in Redis, for several gateway instances that must count as one: sliding
 * windows as sorted sets, changed only by Lua scripts (atomic; all buckets checked before any is
 * consumed). Commands fail at once while disconnected (no offline queue): the stage denies.
 * Baselines are JSON per agent, last writer wins (they are statistics; counters are the exact part).
 *
 * @example
 * const store = await RedisCounterStore.open('redis://127.0.0.1:6379')
 */
export class RedisCounterStore implements CounterStore {
  readonly #redis: ScriptedRedis
  readonly #prefix: string
  readonly #serverClock: boolean

  constructor(url: string, options: RedisCounterStoreOptions = {}) {
    this.#prefix = options.prefix ?? 'warden:behavior:'
    this.#serverClock = (options.clock ?? 'server') === 'server'
    const redis = new Redis(url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: options.connectTimeoutMs ?? 2_000,
      commandTimeout: options.commandTimeoutMs ?? 1_000,
      retryStrategy: (attempt: number) => Math.min(attempt * 100, 2_000),
    })
    // Connection errors surface as rejected commands (and a deny); the event itself needs a listener.
    redis.on('error', () => undefined)
    redis.defineCommand('wardenTake', { lua: TAKE_SCRIPT })
    redis.defineCommand('wardenAdd', { numberOfKeys: 1, lua: ADD_SCRIPT })
    this.#redis = redis as ScriptedRedis
    void redis.connect().catch(() => undefined)
  }

  /** Connects, or throws BEHAVIOR_STORE_UNAVAILABLE. */
  static async open(url: string, options: RedisCounterStoreOptions = {}): Promise<RedisCounterStore> {
    const store = new RedisCounterStore(url, options)
    try {
      await store.#ready(options.connectTimeoutMs ?? 2_000)
      return store
    } catch (error) {
      await store.close()
      throw new WardenError(
        'BEHAVIOR_STORE_UNAVAILABLE',
        `cannot reach the behavior counter store: ${error instanceof Error ? error.message : String(error)}`,
      )
    }
  }

  async take(buckets: readonly WindowBucket[], now: number): Promise<MultiTakeResult> {
    if (buckets.length === 0) return { ok: true }
    const args: Array<string | number> = [buckets.length]
    for (const b of buckets) args.push(this.#prefix + b.key)
    args.push(this.#clock(now), nonce())
    for (const b of buckets) args.push(b.limit, Math.ceil(b.windowMs))
    const [ok, index, retry] = await this.#redis.wardenTake(...args)
    if (ok === 1) return { ok: true }
    return { ok: false, index: (index ?? 1) - 1, retryAfterMs: retry ?? 1 }
  }

  async add(key: string, amount: number, windowMs: number, now: number): Promise<number> {
    if (!Number.isFinite(amount)) throw new WardenError('BEHAVIOR_STORE_UNAVAILABLE', 'amount is not finite')
    const total = await this.#redis.wardenAdd(
      this.#prefix + key,
      this.#clock(now),
      Math.ceil(windowMs),
      String(amount),
      nonce(),
    )
    return Number(total)
  }

  sum(key: string, windowMs: number, now: number): Promise<number> {
    return this.add(key, 0, windowMs, now)
  }

  async loadProfile(agent: string): Promise<AgentProfile | undefined> {
    const text = await this.#redis.get(`${this.#prefix}profile:${agent}`)
    if (text === null) return undefined
    try {
      return reviveProfile(JSON.parse(text))
    } catch {
      // A baseline that does not parse is relearned, not a reason to refuse the agent forever.
      return undefined
    }
  }

  async saveProfile(agent: string, profile: AgentProfile): Promise<void> {
    await this.#redis.set(`${this.#prefix}profile:${agent}`, JSON.stringify(profile), 'EX', PROFILE_TTL_S)
  }

  async close(): Promise<void> {
    this.#redis.disconnect()
  }

  #clock(now: number): string {
    if (this.#serverClock) return ''
    if (!Number.isFinite(now))
      throw new WardenError('BEHAVIOR_STORE_UNAVAILABLE', 'the clock is not a number')
    return String(Math.floor(now))
  }

  async #ready(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (this.#redis.status !== 'ready') {
      if (Date.now() > deadline || this.#redis.status === 'end')
        throw new Error(`status ${this.#redis.status}`)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }
}

function nonce(): string {
  return randomBytes(9).toString('base64url')
}
