import type { ApprovalRequest, ApprovalStatus } from './approval.js'

/** Filter for `list`: by status and creation time (both bounds inclusive, ms), newest first, at most `limit`. */
export interface ApprovalFilter {
  readonly status?: ApprovalStatus
  readonly sinceMs?: number
  readonly untilMs?: number
  readonly limit?: number
}

/**
 * Where approval requests live, so pending requests survive a restart. Updates are compare-and-set on
 * `version`: of two approvers (or two retries) racing on one request, exactly one write wins and the other
 * re-reads, so a decision is never lost and an approval is never used twice.
 */
export interface ApprovalStore {
  /**
   * Stores a new request, unless an open (pending or approved) non-review request for the same action hash
   * exists: then that one is returned and nothing is written (two first calls racing file one request).
   */
  create(request: ApprovalRequest): Promise<ApprovalRequest>
  get(id: string): Promise<ApprovalRequest | null>
  /** The newest non-review request for this action hash, in any status. */
  findByActionHash(actionHash: string): Promise<ApprovalRequest | null>
  list(filter?: ApprovalFilter): Promise<ApprovalRequest[]>
  /** Writes `next` if the stored version is still `expectedVersion`; false when someone else wrote first. */
  update(next: ApprovalRequest, expectedVersion: number): Promise<boolean>
}

/** True for the statuses that hold the action hash (one open request per action). */
export function isOpen(request: ApprovalRequest): boolean {
  return request.kind !== 'review' && (request.status === 'pending' || request.status === 'approved')
}

/** A store that lives as long as the process (tests, `memory:` stores); indexed by action hash. */
export class MemoryApprovalStore implements ApprovalStore {
  readonly #byId = new Map<string, ApprovalRequest>()
  /** Ids of the non-review requests of each action hash, oldest first. */
  readonly #byHash = new Map<string, string[]>()

  async create(request: ApprovalRequest): Promise<ApprovalRequest> {
    const existing = this.#byId.get(request.id)
    if (existing !== undefined) return existing
    if (request.kind !== 'review') {
      const ids = this.#byHash.get(request.actionHash) ?? []
      for (const id of ids) {
        const other = this.#byId.get(id)
        if (other !== undefined && isOpen(other)) return other
      }
      ids.push(request.id)
      this.#byHash.set(request.actionHash, ids)
    }
    this.#byId.set(request.id, request)
    return request
  }

  async get(id: string): Promise<ApprovalRequest | null> {
    return this.#byId.get(id) ?? null
  }

  async findByActionHash(actionHash: string): Promise<ApprovalRequest | null> {
    let newest: ApprovalRequest | null = null
    for (const id of this.#byHash.get(actionHash) ?? []) {
      const r = this.#byId.get(id)
      if (r !== undefined && (newest === null || r.createdAt >= newest.createdAt)) newest = r
    }
    return newest
  }

  async list(filter: ApprovalFilter = {}): Promise<ApprovalRequest[]> {
    const all = [...this.#byId.values()].filter(
      (r) =>
        (filter.status === undefined || r.status === filter.status) &&
        (filter.sinceMs === undefined || r.createdAt >= filter.sinceMs) &&
        (filter.untilMs === undefined || r.createdAt <= filter.untilMs),
    )
    all.sort((a, b) => b.createdAt - a.createdAt)
    return filter.limit === undefined ? all : all.slice(0, filter.limit)
  }

  async update(next: ApprovalRequest, expectedVersion: number): Promise<boolean> {
    const current = this.#byId.get(next.id)
    if (current === undefined || current.version !== expectedVersion) return false
    this.#byId.set(next.id, next)
    return true
  }
}
