import { describe, expect, it } from 'vitest'
import { capturePayload, captureTrace, digestOf } from './capture.js'
import { sensitiveRedactor } from './sensitive-redactor.js'

const trace = [
  { stage: 'policy', verdict: 'rewrite', detail: { args: { sql: 'SELECT * FROM cards', limit: 10 } } },
]

describe('capture', () => {
  it('replaces payloads inside the trace with digests unless capture is full (a rewrite must not smuggle args in)', () => {
    const hashed = JSON.stringify(captureTrace(trace, 'hashes', undefined))
    expect(hashed).not.toContain('SELECT')
    expect(hashed).toContain(digestOf(trace[0]?.detail.args).sha256)
    expect(captureTrace(trace, 'full', undefined)).toEqual(trace)
  })

  it('falls back to digests when redacted capture has no redactor (fail closed)', () => {
    expect(capturePayload({ a: 'secret' }, 'redacted', undefined)).toEqual({ kept: null, mode: 'hashes' })
  })

  it('redacts PII inside nested payloads and keeps only a digest of what it cannot walk', () => {
    const redact = sensitiveRedactor()
    const kept = redact({ to: ['alice@example.com'], note: { text: 'call +1 415 555 0100' } })
    expect(JSON.stringify(kept)).not.toContain('alice@example.com')
    let deep: Record<string, unknown> = { leaf: 'bob@example.org' }
    for (let i = 0; i < 100; i++) deep = { d: deep }
    const out = redact(deep)
    expect(JSON.stringify(out)).not.toContain('bob@example.org')
    expect(out).toMatchObject({ digest: digestOf(deep) })
  })
})
