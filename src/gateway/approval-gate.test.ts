import { describe, expect, it } from 'vitest'
import { ApprovalService } from '../approvals/approval-service.js'
import { type ApprovalStore, MemoryApprovalStore } from '../approvals/approval-store.js'
import { approvalsConfig } from '../approvals/config-schema.js'
import { evaluated, transfer } from '../approvals/test-service.js'
import type { Decision } from '../core/action.js'
import { gateApproval } from './approval-gate.js'
import type { GatewayCallOptions } from './gateway-api.js'

/** A memory store that starts failing after `healthyReads` reads (a database lost mid-hold). */
function failingAfter(healthyReads: number): ApprovalStore {
  const inner = new MemoryApprovalStore()
  let reads = 0
  return {
    create: (r) => inner.create(r),
    get: (id) => inner.get(id),
    list: (f) => inner.list(f),
    update: (n, v) => inner.update(n, v),
    async findByActionHash(hash) {
      if (++reads > healthyReads) throw new Error('connection lost')
      return inner.findByActionHash(hash)
    },
  }
}

function setup(options: { store?: ApprovalStore; config?: Record<string, unknown> } = {}) {
  const approvals = new ApprovalService({
    store: options.store ?? new MemoryApprovalStore(),
    config: approvalsConfig({ holdMs: 60_000, holdPollMs: 10, confirmTimeoutMs: 30, ...options.config }),
  })
  const run = (decision: Decision, callOptions: Partial<GatewayCallOptions> = {}) =>
    gateApproval({
      approvals,
      action: { ...transfer, id: 'act-1' },
      evaluation: evaluated(decision),
      context: {},
      options: { signal: new AbortController().signal, ...callOptions },
      now: Date.now,
    })
  return { approvals, run }
}

const code = (r: Awaited<ReturnType<ReturnType<typeof setup>['run']>>) =>
  (r?.structuredContent as { code?: string } | undefined)?.code

describe('gateApproval', () => {
  it('fails closed when the store is lost while a call is held', async () => {
    const { run } = setup({ store: failingAfter(1) })
    const held = await run('approve', { onProgress: () => undefined })
    expect(code(held)).toBe('APPROVAL_STORE_UNAVAILABLE')
    expect(held?.structuredContent).toMatchObject({ decision: 'deny' })
  })

  it('stops holding when the client cancels, answering with the pending id', async () => {
    const { run } = setup()
    const cancel = new AbortController()
    let ticks = 0
    const held = await run('approve', {
      signal: cancel.signal,
      onProgress: () => {
        if (++ticks === 3) cancel.abort()
      },
    })
    expect(code(held)).toBe('APPROVAL_PENDING')
    expect(ticks).toBe(3)
  })

  it('refuses a confirm the user never answers (APPROVAL_CONFIRM_FAILED), leaving it pending', async () => {
    const { approvals, run } = setup()
    const result = await run('confirm', { confirm: () => new Promise(() => undefined) })
    expect(code(result)).toBe('APPROVAL_CONFIRM_FAILED')
    expect(JSON.stringify(result)).toContain('asking the user to confirm failed (no answer within 30 ms)')
    const [request] = await approvals.list({ status: 'pending' })
    expect(request?.kind).toBe('confirm')
  })

  it('never asks the user about an approve or multi_approve, and never holds without a progress token', async () => {
    for (const decision of ['approve', 'multi_approve'] as const) {
      const { run } = setup()
      let asked = 0
      const result = await run(decision, {
        confirm: async () => {
          asked++
          return 'accept'
        },
      })
      expect(code(result)).toBe('APPROVAL_PENDING')
      expect(asked).toBe(0)
    }
  })

  it('does not hold when holdMs is 0', async () => {
    const { run } = setup({ config: { holdMs: 0 } })
    let ticks = 0
    const result = await run('approve', { onProgress: () => void ticks++ })
    expect(code(result)).toBe('APPROVAL_PENDING')
    expect(ticks).toBe(0)
  })

  it('lets a review proceed at once, never holding it', async () => {
    const { run } = setup()
    expect(await run('review', { onProgress: () => undefined })).toBeUndefined()
  })
})
