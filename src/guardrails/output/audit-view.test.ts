import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { sensitiveRedactor } from '../../audit/sensitive-redactor.js'
import { OutputGuardrails } from './output-guardrails.js'
import { scanSensitive } from './scan-sensitive.js'

const text = (t: string) => ({ type: 'text', text: t })

// The audit's `redacted` capture reuses the output stage's scan (auditView) instead of scanning again:
// it must keep no less out of the log than the audit's own redactor over the original output would.
describe('OutputGuardrails auditView', () => {
  it('redacts what the audit scanner finds even where the stage was told to ignore it', async () => {
    const guard = new OutputGuardrails({ minScore: 1.1, entities: ['US_SSN'] })
    const r = await guard.filter({
      tool: 't',
      content: [text('mail bob@example.org, card 4111 1111 1111 1111')],
    })
    const view = JSON.stringify(r.auditView?.())
    expect(view).not.toContain('bob@example.org')
    expect(view).not.toContain('4111 1111')
    expect(view).toContain('[REDACTED:EMAIL_ADDRESS]')
  })

  it('keeps what the stage redacted with key context, which a bare scan may miss', async () => {
    const guard = new OutputGuardrails()
    const r = await guard.filter({ tool: 't', structuredContent: { ssn: '536228726' } })
    expect(scanSensitive('536228726')).toEqual([]) // alone, the number says nothing
    expect(r.auditView?.()).toEqual({ tool: 't', structuredContent: { ssn: '[REDACTED:US_SSN]' } })
  })

  it('keeps of an output too deep for the audit walk what the audit redactor keeps: why, and a digest', async () => {
    let deep: unknown = 'bob@example.org'
    for (let i = 0; i < 80; i++) deep = { inner: deep }
    const output = { tool: 't', structuredContent: { deep } }
    const guard = new OutputGuardrails({ limits: { maxDepth: 200 } })
    const r = await guard.filter(output)
    expect(r.verdict).not.toBe('block')
    const view = r.auditView?.() as Record<string, unknown>
    expect(view).toEqual(sensitiveRedactor()(output))
    expect(view['unredactable']).toMatch(/deeper than 64/)
    expect(JSON.stringify(view)).not.toContain('bob@example.org')
  })

  it('is absent when the output was blocked', async () => {
    const guard = new OutputGuardrails({ content: { blockedTerms: ['forbidden'] } })
    const r = await guard.filter({ content: [text('a forbidden word')] })
    expect(r.verdict).toBe('block')
    expect(r.auditView).toBeUndefined()
  })

  it('never keeps a finding the audit redactor would have removed from the original', async () => {
    const piece = fc.constantFrom(
      'bob@example.org',
      '4111 1111 1111 1111',
      'AKIAIOSFODNN7EXAMPLE',
      'ghp_0123456789abcdefghijklmnopqrstuvwxyzAB',
      'SSN 536-22-8726',
      'call +1 415 555 0100',
      'sunny, high 24°C',
      ' ',
      '\n',
    )
    const guard = new OutputGuardrails()
    const redactor = sensitiveRedactor()
    await fc.assert(
      fc.asyncProperty(
        fc.array(piece, { maxLength: 8 }),
        fc.string({ maxLength: 12 }),
        async (parts, noise) => {
          const raw = parts.join(' ') + noise
          const r = await guard.filter({ content: [text(raw)] })
          if (r.auditView === undefined) return
          const view = JSON.stringify(r.auditView())
          const audited = JSON.stringify(redactor({ content: [text(raw)] }))
          for (const f of scanSensitive(raw)) {
            const value = raw.slice(f.start, f.end)
            // Only values the audit's own redactor removed count (the same text may sit elsewhere unflagged).
            if (value.length >= 6 && !audited.includes(value)) expect(view).not.toContain(value)
          }
        },
      ),
      { numRuns: 150 },
    )
  })
})
