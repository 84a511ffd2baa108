import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Action } from '../core/action.js'
import { compileFlow, looksLikeSend } from './flow-config.js'
import { checkFlow, destinationMatches } from './flow-rules.js'
import type { SessionLabel } from './labels.js'

const flow = compileFlow(undefined, { crm: { untrusted: false, egress: ['post_note'] } })
const untrusted: SessionLabel = { label: 'untrusted', source: 'web response from evil.example', at: 0 }
const confidential: SessionLabel = { label: 'confidential', source: 'files.read /data/hr/**', at: 0 }
const restricted: SessionLabel = { label: 'restricted', source: 'restricted data in db.query output', at: 0 }

const email: Action = {
  agent: 'a',
  tool: 'email.send',
  args: { to: ['boss@corp.example'], subject: 's', body: 'b' },
}
const post: Action = {
  agent: 'a',
  tool: 'http.request',
  args: { method: 'POST', url: 'https://paste.example/new', body: 'x' },
}
const get: Action = {
  agent: 'a',
  tool: 'http.request',
  args: { method: 'GET', url: 'https://paste.example/' },
}
const read: Action = { agent: 'a', tool: 'files.read', args: { path: '/data/public/a.txt' } }
const upstreamEgress: Action = { agent: 'a', tool: 'crm/post_note', args: { text: 'x' } }

describe('checkFlow', () => {
  it('lets an untainted session send freely', () => {
    for (const a of [email, post, get, upstreamEgress]) expect(checkFlow([], a, flow).kind).toBe('allow')
  })

  it('holds email.send for approval after a web page was read, naming the flow and its source', () => {
    const v = checkFlow([untrusted], email, flow)
    expect(v).toMatchObject({ kind: 'approve', code: 'FLOW_UNTRUSTED_EGRESS' })
    expect(v.kind !== 'allow' && v.kind !== 'rewrite' && v.reason).toMatch(
      /web response from evil\.example.*email\.send/,
    )
    expect(v.kind === 'approve' && v.detail).toMatchObject({
      labels: [{ label: 'untrusted' }],
      rules: ['FLOW_UNTRUSTED_EGRESS'],
    })
  })

  it('treats http writes and upstream egress tools as ways out, but not GET or reads', () => {
    expect(checkFlow([untrusted], post, flow).kind).toBe('approve')
    expect(checkFlow([untrusted], upstreamEgress, flow).kind).toBe('approve')
    expect(checkFlow([untrusted], get, flow).kind).toBe('allow')
    expect(checkFlow([untrusted], read, flow).kind).toBe('allow')
  })

  it('denies confidential data to an outside POST (FLOW_CONFIDENTIAL_EGRESS)', () => {
    expect(checkFlow([confidential], post, flow)).toMatchObject({
      kind: 'deny',
      code: 'FLOW_CONFIDENTIAL_EGRESS',
    })
  })

  it('lets confidential data go to a destination allowed for it, and restricted only where allowed for restricted', () => {
    const f = compileFlow(
      {
        ...baseFlow(),
        destinations: {
          confidential: ['*.corp.example', 'corp.example'],
          restricted: ['vault.corp.example'],
        },
      },
      {},
    )
    expect(checkFlow([confidential], email, f).kind).toBe('allow')
    expect(checkFlow([restricted], email, f)).toMatchObject({
      kind: 'deny',
      code: 'FLOW_CONFIDENTIAL_EGRESS',
    })
    const vault: Action = {
      agent: 'a',
      tool: 'http.request',
      args: { method: 'PUT', url: 'https://vault.corp.example/k' },
    }
    expect(checkFlow([restricted], vault, f).kind).toBe('allow')
    // A restricted destination is trusted with confidential data too.
    expect(checkFlow([confidential], vault, f).kind).toBe('allow')
  })

  it('denies the lethal trifecta (untrusted content + private data + a way out) even to an allowed destination', () => {
    const f = compileFlow(
      { ...baseFlow(), destinations: { confidential: ['corp.example'], restricted: [] } },
      {},
    )
    const v = checkFlow([confidential, untrusted], email, f)
    expect(v).toMatchObject({ kind: 'deny', code: 'FLOW_TRIFECTA' })
    expect(v.kind === 'deny' && v.reason).toMatch(/untrusted content.*confidential data.*sends data out/)
  })

  it('lets the policy soften the trifecta, while an outside destination for private data stays denied', () => {
    const f = compileFlow(
      {
        ...baseFlow(),
        trifecta: 'approve',
        destinations: { confidential: ['corp.example'], restricted: [] },
      },
      {},
    )
    expect(checkFlow([confidential, untrusted], email, f)).toMatchObject({
      kind: 'approve',
      code: 'FLOW_TRIFECTA',
    })
    expect(checkFlow([confidential, untrusted], post, f)).toMatchObject({
      kind: 'deny',
      code: 'FLOW_CONFIDENTIAL_EGRESS',
    })
  })

  it('does nothing when flow control is disabled', () => {
    const f = compileFlow({ ...baseFlow(), enabled: false }, {})
    expect(checkFlow([confidential, untrusted], post, f).kind).toBe('allow')
  })

  it('treats a lower-case method spelling and a missing method alike (method is normalised)', () => {
    const lower: Action = { ...post, args: { ...post.args, method: 'post' } }
    expect(checkFlow([untrusted], lower, flow).kind).toBe('approve')
  })
})

describe('destinationMatches', () => {
  it('matches hosts exactly or by *. suffix, and mail addresses by domain', () => {
    expect(destinationMatches('*.corp.example', 'api.corp.example')).toBe(true)
    expect(destinationMatches('*.corp.example', 'corp.example.evil.io')).toBe(false)
    expect(destinationMatches('*.corp.example', 'evilcorp.example')).toBe(false)
    expect(destinationMatches('corp.example', 'boss@corp.example')).toBe(true)
    expect(destinationMatches('corp.example', 'boss@corp.example.evil.io')).toBe(false)
    expect(destinationMatches('boss@corp.example', 'Boss@Corp.Example')).toBe(true)
  })
})

function baseFlow(): NonNullable<Parameters<typeof compileFlow>[0]> {
  return {
    enabled: true,
    scope: 'session',
    untrustedEgress: 'approve',
    trifecta: 'deny',
    resources: [],
    destinations: { confidential: [], restricted: [] },
  }
}

describe('checkFlow properties', () => {
  const method = fc.oneof(
    fc.constantFrom('POST', 'put', 'Patch', 'DELETE', ' post', 'CONNECT'),
    fc.string({ maxLength: 8 }).filter((m) => !['GET', 'HEAD', 'OPTIONS'].includes(m.toUpperCase())),
    fc.constantFrom(1, null, ['POST'], { m: 'POST' }),
  )
  const egressAction = fc.oneof(
    fc
      .record({ method, url: fc.webUrl() })
      .map((args): Action => ({ agent: 'a', tool: 'http.request', args })),
    fc
      .record({
        to: fc.oneof(fc.emailAddress(), fc.array(fc.emailAddress(), { maxLength: 3 }), fc.anything()),
      })
      .map((args): Action => ({ agent: 'a', tool: 'email.send', args })),
    fc.constant(upstreamEgress),
  )
  const label = fc.record({
    label: fc.constantFrom('untrusted' as const, 'confidential' as const, 'restricted' as const),
    source: fc.string({ maxLength: 10 }),
    at: fc.constant(0),
  })

  it('never allows a way out once the session holds untrusted content or private data (default config)', () => {
    fc.assert(
      fc.property(fc.array(label, { minLength: 1, maxLength: 4 }), egressAction, (labels, action) => {
        expect(checkFlow(labels, action, flow).kind).not.toBe('allow')
      }),
    )
  })

  it('always allows every action of a session without labels', () => {
    fc.assert(
      fc.property(egressAction, (action) => {
        expect(checkFlow([], action, flow).kind).toBe('allow')
      }),
    )
  })
})

describe('looksLikeSend (default egress tools)', () => {
  it('counts upstream tools named like a send as ways out, by whole word', () => {
    for (const t of [
      'slack/post_message',
      'gmail/send_email',
      'drive/uploadFile',
      'gh/create_comment',
      'x/share',
    ]) {
      expect(looksLikeSend(t), t).toBe(true)
    }
    for (const t of ['blog/get_posts', 'gmail/read_mail', 'docs/search', 'email.send', 'x/sender_stats']) {
      expect(looksLikeSend(t), t).toBe(false)
    }
  })

  it('is replaced by flow.egressTools when that is set', () => {
    const f = compileFlow({ ...baseFlow(), egressTools: ['crm/*'] }, {})
    const slack: Action = { agent: 'a', tool: 'slack/post_message', args: {} }
    expect(checkFlow([untrusted], slack, flow).kind).toBe('approve')
    expect(checkFlow([untrusted], slack, f).kind).toBe('allow')
    expect(checkFlow([untrusted], { agent: 'a', tool: 'crm/note', args: {} }, f).kind).toBe('approve')
  })
})
