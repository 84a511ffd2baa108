import { describe, expect, it } from 'vitest'
import { WardenError } from '../errors/warden-error.js'
import { ApprovalService } from './approval-service.js'
import { MemoryApprovalStore } from './approval-store.js'
import { approvalsConfig } from './config-schema.js'
import { aService, evaluated, transfer } from './test-service.js'

async function pendingId(
  svc: ReturnType<typeof aService>['service'],
  decision: 'approve' | 'multi_approve' = 'approve',
) {
  const first = await svc.gate(transfer, evaluated(decision), { dryRun: { debit: 50_000 }, history: ['a'] })
  if (first.proceed) throw new Error('expected a pending approval')
  expect(first.code).toBe('APPROVAL_PENDING')
  return first.approvalId
}

describe('ApprovalService.gate', () => {
  it('holds the action with a pending id, storing the full context for the approver', async () => {
    const { service, events } = aService()
    const id = await pendingId(service)
    const request = await service.get(id)
    expect(request).toMatchObject({
      status: 'pending',
      group: 'finance',
      approvers: ['alice', 'bob', 'owen'],
      excluded: ['owen'],
      risk: 'high',
      action: { tool: 'payments.transfer', args: { amount: 50_000 } },
      context: { dryRun: { debit: 50_000 }, history: ['a'] },
    })
    expect(request?.reasons[0]?.code).toBe('ESCALATION_RULE')
    expect(events.map((e) => e.type)).toEqual(['approval.requested'])
  })

  it('returns the same pending id to every retry until someone decides', async () => {
    const { service } = aService()
    const id = await pendingId(service)
    expect(await service.gate(transfer, evaluated('approve'))).toMatchObject({
      code: 'APPROVAL_PENDING',
      approvalId: id,
    })
    expect(await service.list({ status: 'pending' })).toHaveLength(1)
  })

  it('lets the retry proceed exactly once after approval; the next identical call needs a new approval', async () => {
    const { service, events } = aService()
    const id = await pendingId(service)
    await service.decide(id, 'alice', 'approve', 'invoice checked')
    expect(await service.gate(transfer, evaluated('approve'))).toEqual({ proceed: true, approvalId: id })
    const again = await service.gate(transfer, evaluated('approve'))
    expect(again).toMatchObject({ proceed: false, code: 'APPROVAL_PENDING' })
    expect(again.proceed === false && again.approvalId).not.toBe(id)
    expect(events.map((e) => e.type)).toContain('approval.consumed')
  })

  it('proceeds once when concurrent retries race for one approval', async () => {
    const { service } = aService()
    const id = await pendingId(service)
    await service.decide(id, 'bob', 'approve', 'ok')
    const results = await Promise.all(
      Array.from({ length: 10 }, () => service.gate(transfer, evaluated('approve'))),
    )
    expect(results.filter((r) => r.proceed)).toHaveLength(1)
  })

  it('denies an action whose arguments changed after approval', async () => {
    const { service } = aService()
    const id = await pendingId(service)
    await service.decide(id, 'alice', 'approve', 'ok for 50,000')
    const bigger = { ...transfer, args: { ...transfer.args, amount: 500_000 } }
    const result = await service.gate(bigger, evaluated('approve', bigger))
    expect(result).toMatchObject({ proceed: false, code: 'APPROVAL_PENDING' })
    expect(result.proceed === false && result.approvalId).not.toBe(id)
    const otherSession = { ...transfer, session: 's2' }
    expect((await service.gate(otherSession, evaluated('approve', otherSession))).proceed).toBe(false)
  })

  it('gives the agent the approver’s reason on a denial, and keeps that action denied', async () => {
    const { service } = aService()
    const id = await pendingId(service)
    await service.decide(id, 'alice', 'deny', 'vendor not on the list')
    const result = await service.gate(transfer, evaluated('approve'))
    expect(result).toMatchObject({ proceed: false, code: 'APPROVAL_DENIED', approvalId: id })
    expect(result.proceed === false && result.reason).toContain('vendor not on the list')
    expect((await service.gate(transfer, evaluated('approve'))).proceed).toBe(false)
  })

  it('denies on timeout (a pending request expires), and the next retry files anew', async () => {
    const { service, clock } = aService()
    const id = await pendingId(service)
    clock.now += 60_001
    expect(await service.gate(transfer, evaluated('approve'))).toMatchObject({
      code: 'APPROVAL_EXPIRED',
      approvalId: id,
    })
    await expect(service.decide(id, 'alice', 'approve', 'late')).rejects.toMatchObject({
      code: 'APPROVAL_CLOSED',
    })
    const next = await service.gate(transfer, evaluated('approve'))
    expect(next).toMatchObject({ code: 'APPROVAL_PENDING' })
  })

  it('denies an approval left unused past its window', async () => {
    const { service, clock } = aService()
    const id = await pendingId(service)
    await service.decide(id, 'alice', 'approve', 'ok')
    clock.now += 30_001
    expect(await service.gate(transfer, evaluated('approve'))).toMatchObject({ code: 'APPROVAL_EXPIRED' })
    expect((await service.get(id))?.status).toBe('expired')
  })

  it('voids an approval when policy has since asked for more (approve → multi_approve)', async () => {
    const { service } = aService()
    const id = await pendingId(service)
    await service.decide(id, 'alice', 'approve', 'ok')
    expect(await service.gate(transfer, evaluated('multi_approve'))).toMatchObject({
      code: 'APPROVAL_PENDING',
    })
    expect((await service.get(id))?.status).toBe('expired')
  })

  it('lets a review proceed and queues it', async () => {
    const { service, events } = aService()
    const result = await service.gate(transfer, evaluated('review'))
    expect(result.proceed).toBe(true)
    expect(await service.list({ status: 'pending' })).toMatchObject([{ kind: 'review' }])
    expect(events.map((e) => e.type)).toEqual(['review.queued'])
  })

  it('lets allow through and refuses to gate deny or pause', async () => {
    const { service } = aService()
    expect(await service.gate(transfer, evaluated('allow'))).toEqual({ proceed: true })
    await expect(service.gate(transfer, evaluated('pause'))).rejects.toMatchObject({
      code: 'APPROVAL_NOT_APPLICABLE',
    })
  })
})

describe('ApprovalService.decide', () => {
  it('needs a quorum of distinct approvers for multi_approve, none of them the owner', async () => {
    const { service, events } = aService()
    const id = await pendingId(service, 'multi_approve')
    await expect(service.decide(id, 'owen', 'approve', 'my agent')).rejects.toMatchObject({
      code: 'APPROVAL_SELF',
    })
    expect((await service.decide(id, 'alice', 'approve', 'ok')).status).toBe('pending')
    await expect(service.decide(id, 'alice', 'approve', 'again')).rejects.toMatchObject({
      code: 'APPROVAL_ALREADY_VOTED',
    })
    expect((await service.gate(transfer, evaluated('multi_approve'))).proceed).toBe(false)
    expect((await service.decide(id, 'bob', 'approve', 'ok too')).status).toBe('approved')
    expect((await service.gate(transfer, evaluated('multi_approve'))).proceed).toBe(true)
    const votes = events
      .filter((e) => e.type === 'approval.vote')
      .map((e) => [e.vote?.approver, e.vote?.reason])
    expect(votes).toEqual([
      ['alice', 'ok'],
      ['bob', 'ok too'],
    ])
  })

  it('refuses the requesting user and anyone outside the routed group', async () => {
    const { service } = aService()
    const asked = { ...transfer, context: { user: 'bob' } }
    const first = await service.gate(asked, evaluated('approve', asked))
    const id = first.proceed ? '' : first.approvalId
    await expect(service.decide(id, 'bob', 'approve', 'mine')).rejects.toMatchObject({
      code: 'APPROVAL_SELF',
    })
    await expect(service.decide(id, 'mallory', 'approve', 'hi')).rejects.toMatchObject({
      code: 'APPROVAL_NOT_APPROVER',
    })
  })

  it('refuses a decision without a reason, on an unknown id, and after the request closed', async () => {
    const { service } = aService()
    const id = await pendingId(service)
    await expect(service.decide(id, 'alice', 'approve', '  ')).rejects.toMatchObject({
      code: 'APPROVAL_REASON_REQUIRED',
    })
    await expect(service.decide('apr_nope', 'alice', 'approve', 'x')).rejects.toBeInstanceOf(WardenError)
    await service.decide(id, 'alice', 'deny', 'no')
    await expect(service.decide(id, 'bob', 'approve', 'yes')).rejects.toMatchObject({
      code: 'APPROVAL_CLOSED',
    })
  })

  it('counts both of two approvers racing on a multi_approve', async () => {
    const { service } = aService()
    const id = await pendingId(service, 'multi_approve')
    const [a, b] = await Promise.all([
      service.decide(id, 'alice', 'approve', 'ok'),
      service.decide(id, 'bob', 'approve', 'ok'),
    ])
    expect([a.status, b.status].sort()).toEqual(['approved', 'pending'])
    expect((await service.get(id))?.votes).toHaveLength(2)
  })

  it('lets exactly one of an approve and a deny racing decide the outcome', async () => {
    const { service } = aService()
    const id = await pendingId(service)
    const settled = await Promise.allSettled([
      service.decide(id, 'alice', 'approve', 'ok'),
      service.decide(id, 'bob', 'deny', 'no'),
    ])
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(1)
    expect(settled.filter((s) => s.status === 'rejected')).toMatchObject([
      { reason: { code: 'APPROVAL_CLOSED' } },
    ])
    expect((await service.get(id))?.votes).toHaveLength(1)
  })

  it('expires due requests in a sweep', async () => {
    const { service, clock, events } = aService()
    await pendingId(service)
    clock.now += 60_001
    expect(await service.expireDue()).toBe(1)
    expect(events.at(-1)?.type).toBe('approval.expired')
    expect(await service.list({ status: 'pending' })).toEqual([])
  })
})

describe('ApprovalService confirm', () => {
  it('lets the requesting user confirm their own step, which approve would refuse', async () => {
    const { service } = aService()
    const asked = { ...transfer, context: { user: 'uma' } }
    const held = await service.gate(asked, evaluated('confirm', asked))
    const id = held.proceed ? '' : held.approvalId
    expect((await service.decide(id, 'uma', 'approve', 'yes, I asked for it')).status).toBe('approved')
    expect((await service.gate(asked, evaluated('confirm', asked))).proceed).toBe(true)
  })
})

describe('ApprovalService failures', () => {
  it('fails closed with APPROVAL_STORE_UNAVAILABLE when the store is lost', async () => {
    const lost = new MemoryApprovalStore()
    lost.findByActionHash = async () => {
      throw new Error('connection refused')
    }
    const { service } = aService({ store: lost })
    await expect(service.gate(transfer, evaluated('approve'))).rejects.toMatchObject({
      code: 'APPROVAL_STORE_UNAVAILABLE',
    })
  })

  it('does not let an approval proceed when its use cannot be audited', async () => {
    const store = new MemoryApprovalStore()
    const { service } = aService({ store })
    const id = await pendingId(service)
    await service.decide(id, 'alice', 'approve', 'ok')
    const failing = new ApprovalService({
      store,
      config: approvalsConfig({ timeoutMs: 60_000 }),
      now: () => 1_000_000,
      audit: async () => {
        throw new Error('audit log unavailable')
      },
    })
    await expect(failing.gate(transfer, evaluated('approve'))).rejects.toMatchObject({
      code: 'APPROVAL_STORE_UNAVAILABLE',
    })
  })
})
