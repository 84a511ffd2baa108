import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Decision } from '../core/action.js'
import { aService, evaluated, transfer } from './test-service.js'

// The MCP elicitation path: the requesting session answers its own `confirm`. It must never become a way for
// an agent's session to approve what needs an approver, or to answer another session's request.
async function held(kind: Decision, action = transfer) {
  const svc = aService()
  const first = await svc.service.gate(action, evaluated(kind, action))
  if (first.proceed) throw new Error('expected a pending request')
  return { ...svc, id: first.approvalId }
}

const own = { agent: transfer.agent, session: transfer.session as string }

describe('ApprovalService.confirmBySession', () => {
  it('records the yes as the agent owner’s vote via elicitation, and the retry proceeds exactly once', async () => {
    const { service, events, id } = await held('confirm')
    const decided = await service.confirmBySession(id, own, 'approve', 'confirmed by the user')
    expect(decided.status).toBe('approved')
    expect(decided.votes).toEqual([expect.objectContaining({ approver: 'owen', via: 'elicitation' })])
    expect(decided.approvers).toEqual(expect.arrayContaining(['alice', 'bob'])) // the route stays on the record
    expect((await service.gate(transfer, evaluated('confirm'))).proceed).toBe(true)
    expect((await service.gate(transfer, evaluated('confirm'))).proceed).toBe(false)
    expect(events.map((e) => e.type)).toContain('approval.vote')
  })

  it('records a no as a denial whose reason the retry receives', async () => {
    const { service, id } = await held('confirm')
    expect((await service.confirmBySession(id, own, 'deny', 'declined by the user')).status).toBe('denied')
    const retry = await service.gate(transfer, evaluated('confirm'))
    expect(retry).toMatchObject({ proceed: false, code: 'APPROVAL_DENIED' })
  })

  it('names the session when the agent has no owner', async () => {
    const action = { ...transfer, agent: 'orphan' }
    const { service, id } = await held('confirm', action)
    const decided = await service.confirmBySession(id, { agent: 'orphan', session: 's1' }, 'approve', 'yes')
    expect(decided.votes[0]?.approver).toBe('session:orphan/s1')
  })

  it('refuses any request that is not a confirm, and any other session or agent (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<Decision>('confirm', 'approve', 'multi_approve'),
        fc.constantFrom(
          own,
          { ...own, session: 's2' },
          { ...own, agent: 'other' },
          { agent: 'payer', session: '' },
        ),
        fc.constantFrom<'approve' | 'deny'>('approve', 'deny'),
        async (kind, asker, decision) => {
          const { service, id } = await held(kind)
          const allowed = kind === 'confirm' && asker === own
          const answer = service.confirmBySession(id, asker, decision, 'answer')
          if (allowed) {
            await expect(answer).resolves.toMatchObject({
              status: decision === 'approve' ? 'approved' : 'denied',
            })
          } else {
            await expect(answer).rejects.toMatchObject({ code: 'APPROVAL_NOT_APPROVER' })
            expect((await service.get(id))?.status).toBe('pending')
          }
        },
      ),
      { numRuns: 60 },
    )
  })

  it('refuses a closed or expired confirm', async () => {
    const { service, id } = await held('confirm')
    await service.confirmBySession(id, own, 'approve', 'yes')
    await expect(service.confirmBySession(id, own, 'approve', 'again')).rejects.toMatchObject({
      code: 'APPROVAL_CLOSED',
    })
    const late = await held('confirm')
    late.clock.now += 61_000
    await expect(late.service.confirmBySession(late.id, own, 'approve', 'too late')).rejects.toMatchObject({
      code: 'APPROVAL_CLOSED',
    })
  })
})
