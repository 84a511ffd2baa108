import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type ApprovalVote, consume, decide, expire } from './approval.js'
import { aRequest } from './test-request.js'

const vote = (approver: string, decision: 'approve' | 'deny' = 'approve', at = 2_000): ApprovalVote => ({
  approver,
  decision,
  reason: 'r',
  at,
})

describe('decide', () => {
  it('approves only when the quorum of distinct group members agrees, for any order of votes', () => {
    const people = ['alice', 'bob', 'carol', 'owen', 'mallory']
    fc.assert(
      fc.property(
        fc.array(fc.record({ who: fc.constantFrom(...people), deny: fc.boolean() }), { maxLength: 8 }),
        fc.integer({ min: 1, max: 3 }),
        (votes, quorum) => {
          let r = aRequest({ approvers: ['alice', 'bob', 'carol', 'owen'], excluded: ['owen'], quorum })
          const accepted: ApprovalVote[] = []
          for (const v of votes) {
            const next = decide(r, vote(v.who, v.deny ? 'deny' : 'approve'), 1_000)
            if (next.ok) {
              r = next.request
              accepted.push(vote(v.who, v.deny ? 'deny' : 'approve'))
            }
          }
          const voters = accepted.map((v) => v.approver)
          expect(new Set(voters).size).toBe(voters.length)
          expect(voters).not.toContain('owen')
          expect(voters).not.toContain('mallory')
          const approvals = accepted.filter((v) => v.decision === 'approve').length
          if (r.status === 'approved') expect(approvals).toBeGreaterThanOrEqual(quorum)
          if (r.status === 'pending') expect(approvals).toBeLessThan(quorum)
          if (accepted.some((v) => v.decision === 'deny')) expect(r.status).toBe('denied')
        },
      ),
    )
  })

  it('refuses a decision after the deadline, and on a closed request', () => {
    const r = aRequest({ expiresAt: 1_500 })
    expect(decide(r, vote('alice', 'approve', 1_501), 1_000)).toMatchObject({
      ok: false,
      code: 'APPROVAL_CLOSED',
    })
    const closed = aRequest({ status: 'consumed' })
    expect(decide(closed, vote('alice'), 1_000)).toMatchObject({ ok: false, code: 'APPROVAL_CLOSED' })
  })

  it('starts the use window at the approval and bumps the version', () => {
    const next = decide(aRequest({ version: 4 }), vote('alice', 'approve', 5_000), 30_000)
    expect(next).toMatchObject({ ok: true, request: { status: 'approved', expiresAt: 35_000, version: 5 } })
  })
})

describe('consume and expire', () => {
  it('uses an approval once, and not after its window', () => {
    const approved = aRequest({ status: 'approved', expiresAt: 10_000 })
    const used = consume(approved, 9_000)
    expect(used).toMatchObject({ ok: true, request: { status: 'consumed' } })
    if (used.ok) expect(consume(used.request, 9_001).ok).toBe(false)
    expect(consume(approved, 10_001).ok).toBe(false)
    expect(consume(aRequest(), 1).ok).toBe(false)
  })

  it('expires only what is open and past its deadline', () => {
    expect(expire(aRequest({ expiresAt: 10 }), 11)).toMatchObject({
      ok: true,
      request: { status: 'expired' },
    })
    expect(expire(aRequest({ expiresAt: 10 }), 10).ok).toBe(false)
    expect(expire(aRequest({ status: 'denied', expiresAt: 10 }), 11).ok).toBe(false)
  })
})
