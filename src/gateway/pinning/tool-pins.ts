import { WardenError } from '../../errors/warden-error.js'
import type { ToolDefinition } from '../tool-source.js'
import { toolDefinitionHash } from './definition-hash.js'
import type { Pin, PinStore } from './pin-store.js'
import { type PoisoningScan, scanToolDefinition } from './poisoning.js'

export type PinStatus = 'accepted' | 'new' | 'changed'

// An upstream that keeps changing its descriptions must not grow the gateway's memory without bound.
const MEMO_LIMIT = 10_000

/** One tool as seen against the pins: what an operator reviews in `warden tools list`. */
export interface PinReview {
  readonly name: string
  readonly status: PinStatus
  readonly hash: string
  readonly scan: PoisoningScan
  /** The pin on record (for `changed`: what was accepted before). */
  readonly pin?: Pin
  readonly definition: ToolDefinition
}

export interface ToolPinsOptions {
  /** Trust on first use: accept a never-seen tool unless it looks poisoned. Changed tools never are. */
  readonly autoAcceptFirstSeen: boolean
  /** Where acceptances and refusals are reported. Default: stderr. */
  readonly log?: (line: string) => void
}

/**
 * Tool pinning against rug pulls: an upstream that changes a tool after it was accepted (a harmless `add`
 * that later tells the model to read ~/.ssh) gets that tool hidden and its calls denied until an operator
 * accepts the new definition. Pins are keyed by canonical name and hold the definition's SHA-256.
 *
 * @example
 * const pins = await ToolPins.open(new JsonFilePinStore(pinsFileFor(storeUrl, cwd)), { autoAcceptFirstSeen: true })
 * await pins.observe(router.definitions())
 * pins.visible(def) // false for a new poisoned tool or a changed one
 */
export class ToolPins {
  readonly #store: PinStore
  readonly #options: ToolPinsOptions
  readonly #log: (line: string) => void
  #pins: Map<string, Pin>
  #pending = new Map<string, PinReview>()
  readonly #reported = new Set<string>()
  readonly #hashes = new WeakMap<ToolDefinition, string>()
  readonly #scans = new Map<string, PoisoningScan>()
  #queue: Promise<unknown> = Promise.resolve()

  private constructor(store: PinStore, options: ToolPinsOptions, pins: Map<string, Pin>) {
    this.#store = store
    this.#options = options
    this.#log = options.log ?? ((line) => process.stderr.write(`warden: ${line}\n`))
    this.#pins = pins
  }

  /** Loads the pins; a store that cannot be read throws (PIN_STORE_INVALID) rather than trusting everything anew. */
  static async open(store: PinStore, options: ToolPinsOptions): Promise<ToolPins> {
    return new ToolPins(store, options, await store.load())
  }

  /** `accepted` when the pin's hash matches, `changed` when a different definition was accepted, else `new`. */
  status(def: ToolDefinition): PinStatus {
    const pin = this.#pins.get(def.name)
    if (pin === undefined) return 'new'
    return pin.hash === this.#hash(def) ? 'accepted' : 'changed'
  }

  /** Whether agents may see and call the tool: only the exact definition an operator (or TOFU) accepted. */
  visible(def: ToolDefinition): boolean {
    return this.status(def) === 'accepted'
  }

  /** The refusal for a tool that is not accepted, as a decision code and reason; undefined when accepted. */
  refusal(
    def: ToolDefinition,
  ): { code: 'TOOL_NOT_ACCEPTED' | 'TOOL_DEFINITION_CHANGED'; reason: string } | undefined {
    const status = this.status(def)
    if (status === 'accepted') return undefined
    if (status === 'changed') {
      return {
        code: 'TOOL_DEFINITION_CHANGED',
        reason: `${def.name} changed since it was accepted; run \`warden tools accept ${def.name}\` after review`,
      }
    }
    const scan = this.#pending.get(def.name)?.scan
    const why = scan?.poisoned ? ` (looks poisoned: ${scan.reasons.join('; ')})` : ''
    return {
      code: 'TOOL_NOT_ACCEPTED',
      reason: `${def.name} has not been accepted${why}; run \`warden tools accept ${def.name}\` after review`,
    }
  }

  /**
   * Reviews the tools sources offer now: with trust on first use, accepts never-seen tools that do not look
   * poisoned (one log line each); records the rest as pending and logs each new refusal once. Never
   * rejects (it runs from change listeners): when the pins cannot be saved, nothing new is accepted.
   */
  observe(defs: readonly ToolDefinition[]): Promise<PinReview[]> {
    return this.#serial(async () => {
      const reviews = defs.map((def) => this.#review(def))
      const accept = reviews.filter(
        (r) => r.status === 'new' && !r.scan.poisoned && this.#options.autoAcceptFirstSeen,
      )
      if (accept.length > 0) await this.#autoAccept(accept)
      const pending = new Map<string, PinReview>()
      const out = reviews.map((r) => (accept.includes(r) ? this.#review(r.definition) : r))
      for (const r of out) {
        if (r.status === 'accepted') continue
        pending.set(r.name, r)
        const key = `${r.name} ${r.hash}`
        if (this.#reported.has(key)) continue
        if (this.#reported.size >= MEMO_LIMIT) this.#reported.clear()
        this.#reported.add(key)
        const why =
          r.status === 'changed'
            ? 'its definition changed since it was accepted'
            : r.scan.poisoned
              ? `it looks poisoned (${r.scan.reasons.join('; ')})`
              : 'it has not been accepted'
        this.#log(`tool ${r.name} is hidden: ${why}; review it and run \`warden tools accept ${r.name}\``)
      }
      this.#pending = pending
      return out
    })
  }

  // Fail closed: a first-seen tool whose pin cannot be written is not accepted, and stays hidden.
  async #autoAccept(reviews: readonly PinReview[]): Promise<void> {
    try {
      const now = new Date().toISOString()
      const pins = await this.#store.load()
      for (const r of reviews)
        pins.set(r.name, { hash: r.hash, acceptedAt: now, acceptedBy: 'tofu', definition: r.definition })
      await this.#store.save(pins)
      this.#pins = pins
      for (const r of reviews)
        this.#log(`tool ${r.name} accepted on first use (trust on first use), ${r.hash}`)
    } catch (error) {
      this.#log(`tool pins could not be saved (${(error as Error).message}); new tools stay hidden`)
    }
  }

  /** Tools seen at the last observe() that are not accepted, with the scan that explains why. */
  pending(): PinReview[] {
    return [...this.#pending.values()].filter((r) => this.status(r.definition) !== 'accepted')
  }

  /** The review of one definition (status, hash, poisoning scan), without changing anything. */
  review(def: ToolDefinition): PinReview {
    return this.#review(def)
  }

  /** Pins `def` as accepted by `actor`. Re-reads the store first, so a concurrent acceptance elsewhere is kept. */
  async accept(name: string, def: ToolDefinition, actor: string): Promise<void> {
    if (def.name !== name) {
      throw new WardenError(
        'TOOL_PIN_NAME_MISMATCH',
        `cannot accept the definition of ${def.name} as ${name}`,
      )
    }
    await this.#serial(async () => {
      const pins = await this.#store.load()
      const hash = this.#hash(def)
      pins.set(name, { hash, acceptedAt: new Date().toISOString(), acceptedBy: actor, definition: def })
      await this.#store.save(pins)
      this.#pins = pins
      this.#pending.delete(name)
      this.#log(`tool ${name} accepted by ${actor}, ${hash}`)
    })
  }

  /** Re-reads the store (after `warden tools accept` ran in another process). */
  reload(): Promise<void> {
    return this.#serial(async () => {
      this.#pins = await this.#store.load()
    })
  }

  #review(def: ToolDefinition): PinReview {
    const pin = this.#pins.get(def.name)
    const hash = this.#hash(def)
    let scan = this.#scans.get(hash)
    if (scan === undefined) {
      scan = scanToolDefinition(def)
      if (this.#scans.size >= MEMO_LIMIT) this.#scans.clear()
      this.#scans.set(hash, scan)
    }
    const base = { name: def.name, status: this.status(def), hash, scan, definition: def }
    return pin === undefined ? base : { ...base, pin }
  }

  #hash(def: ToolDefinition): string {
    let hash = this.#hashes.get(def)
    if (hash === undefined) {
      hash = toolDefinitionHash(def)
      this.#hashes.set(def, hash)
    }
    return hash
  }

  // Store writes one at a time: two observes racing would each save a map missing the other's pins.
  #serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work, work)
    this.#queue = run.catch(() => undefined)
    return run
  }
}
