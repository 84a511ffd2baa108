import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { type McpToolOutput, OutputGuardrails } from './output-guardrails.js'
import { MemoryTokenVault } from './token-vault.js'

const text = (t: string) => ({ type: 'text', text: t })
const fakeFetch = (status: number, body: unknown): typeof fetch =>
  (async () => new Response(JSON.stringify(body), { status })) as typeof fetch

describe('OutputGuardrails.filter', () => {
  it('redacts every text field of an MCP result: content blocks, resources and structuredContent', async () => {
    const guard = new OutputGuardrails()
    const result = await guard.filter({
      tool: 'crm.lookup',
      content: [
        text('Customer ana@example.org'),
        {
          type: 'resource',
          resource: { uri: 'file:///c.txt', mimeType: 'text/plain', text: 'SSN 536-22-8726' },
        },
        { type: 'image', data: 'QUtJQVE3V0FERTVSNDJSRFo0Slg=', mimeType: 'image/png' },
      ],
      structuredContent: {
        customers: [{ email: 'bo@example.net', notes: { deep: ['card 4111 1111 1111 1111'] } }],
      },
    })
    const out = result.output as McpToolOutput
    expect(out.tool).toBe('crm.lookup')
    expect(out.content).toEqual([
      text('Customer [REDACTED:EMAIL_ADDRESS]'),
      {
        type: 'resource',
        resource: { uri: 'file:///c.txt', mimeType: 'text/plain', text: 'SSN [REDACTED:US_SSN]' },
      },
      { type: 'image', data: 'QUtJQVE3V0FERTVSNDJSRFo0Slg=', mimeType: 'image/png' },
    ])
    expect(out.structuredContent).toEqual({
      customers: [{ email: '[REDACTED:EMAIL_ADDRESS]', notes: { deep: ['card [REDACTED:CREDIT_CARD]'] } }],
    })
    expect(result.findings.map((f) => f.path)).toContain('$.structuredContent.customers[0].notes.deep[0]')
    expect(result.verdict).toBe('flag')
    expect(result.classification).toBe('restricted')
  })

  it('passes clean output unchanged with public classification and equal audit hashes', async () => {
    const result = await new OutputGuardrails().filter({ content: [text('All 3 builds passed.')] })
    expect(result.verdict).toBe('pass')
    expect(result.classification).toBe('public')
    expect(result.audit.originalSha256).toBe(result.audit.filteredSha256)
  })

  it('never shares objects between the filtered output and the original, also when nothing was found', async () => {
    const original = { content: [text('All 3 builds passed.')], structuredContent: { runs: [{ ok: true }] } }
    const result = await new OutputGuardrails().filter(original)
    const filtered = result.output as typeof original
    expect(filtered).toEqual(original)
    expect(filtered.content).not.toBe(original.content)
    expect(filtered.structuredContent.runs[0]).not.toBe(original.structuredContent.runs[0])
  })

  it('records hashes of the original and the redacted text, which differ when something was redacted', async () => {
    const result = await new OutputGuardrails().filter('mail ana@example.org')
    expect(result.output).toBe('mail [REDACTED:EMAIL_ADDRESS]')
    expect(result.audit.originalSha256).toMatch(/^[0-9a-f]{64}$/)
    expect(result.audit.originalSha256).not.toBe(result.audit.filteredSha256)
  })

  it('takes the most sensitive of findings and resource labels', async () => {
    const guard = new OutputGuardrails({ labels: ['internal'] })
    expect((await guard.filter('nothing here')).classification).toBe('internal')
    expect((await guard.filter({ content: [text('hi')], labels: ['confidential'] })).classification).toBe(
      'confidential',
    )
  })

  it('blocks a result that does not match its tool schema, and accepts one that does', async () => {
    const guard = new OutputGuardrails({
      schemas: {
        'db.query': { type: 'object', properties: { rows: { type: 'array' } }, required: ['rows'] },
      },
    })
    const bad = await guard.filter({ tool: 'db.query', content: [text('{"error":"oops"}')] })
    expect(bad.verdict).toBe('block')
    expect(bad.reasons[0]?.code).toBe('OUTPUT_FORMAT_INVALID')
    expect(JSON.stringify(bad.output)).not.toContain('oops')
    const good = await guard.filter({
      tool: 'db.query',
      content: [text('{"rows":[]}')],
      structuredContent: { rows: [] },
    })
    expect(good.verdict).toBe('pass')
  })

  it('checks JSON text against the schema and prose text as the text it is', async () => {
    const guard = new OutputGuardrails({
      schemas: { n: { type: 'number' }, s: { type: 'string' }, o: { type: 'object' } },
    })
    const verdict = async (tool: string, t: string) =>
      (await guard.filter({ tool, content: [text(t)] })).verdict
    expect(await verdict('n', ' \n-12.5')).toBe('pass')
    expect(await verdict('n', 'twelve')).toBe('block')
    expect(await verdict('s', 'Forecast: sunny')).toBe('pass')
    expect(await verdict('s', '{"not":"a string"}')).toBe('block')
    expect(await verdict('o', 'nothing like an object')).toBe('block')
    expect(await verdict('o', 'null')).toBe('block')
    expect(await verdict('o', '\t{"a":1}')).toBe('pass')
  })

  it('refuses to start with a schema that does not compile', () => {
    expect(() => new OutputGuardrails({ schemas: { t: { type: 'no-such-type' } } })).toThrow(
      expect.objectContaining({ code: 'OUTPUT_SCHEMA_INVALID' }),
    )
  })

  it('blocks blocked terms and topics as whole words, case-insensitively', async () => {
    const guard = new OutputGuardrails({
      content: { blockedTerms: ['project zeus'], blockedTopics: { weapons: ['nerve agent'] } },
    })
    expect((await guard.filter('About PROJECT  Zeus')).reasons[0]?.code).toBe('OUTPUT_BLOCKED_TERM')
    expect((await guard.filter({ content: [text('how a nerve agent works')] })).reasons[0]?.code).toBe(
      'OUTPUT_BLOCKED_TOPIC',
    )
    expect((await guard.filter('project zeusian')).verdict).toBe('pass')
  })

  it('adds findings from a Presidio-compatible DLP analyzer, converting code points to string indices', async () => {
    const guard = new OutputGuardrails({
      dlp: {
        url: 'http://dlp.test/analyze',
        fetch: fakeFetch(200, [{ entity_type: 'NRP', start: 2, end: 8, score: 0.9 }]),
      },
    })
    const result = await guard.filter('🙂 Danish citizen')
    expect(result.output).toBe('🙂 [REDACTED:NRP] citizen')
  })

  it('fails closed when the DLP analyzer errors, answers garbage or times out', async () => {
    const broken = new OutputGuardrails({
      dlp: { url: 'http://dlp.test/analyze', fetch: fakeFetch(500, {}) },
    })
    expect((await broken.filter('x')).reasons[0]?.code).toBe('OUTPUT_DLP_UNAVAILABLE')
    const garbage = new OutputGuardrails({
      dlp: { url: 'http://dlp.test/analyze', fetch: fakeFetch(200, { not: 'a list' }) },
    })
    expect((await garbage.filter('x')).verdict).toBe('block')
    const server = createServer(() => {
      // never answers
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = server.address() as AddressInfo
      const slow = new OutputGuardrails({ dlp: { url: `http://127.0.0.1:${port}/analyze`, timeoutMs: 50 } })
      const result = await slow.filter('secret plans')
      expect(result.verdict).toBe('block')
      expect(result.reasons[0]?.code).toBe('OUTPUT_DLP_UNAVAILABLE')
      expect(result.output).toBe('[BLOCKED:OUTPUT_DLP_UNAVAILABLE]')
    } finally {
      server.closeAllConnections()
      server.close()
    }
  })

  it('blocks results nested past the depth limit or cyclic, and unsupported shapes, without throwing', async () => {
    let deep: unknown = 'ana@example.org'
    for (let i = 0; i < 100; i++) deep = { d: deep }
    const guard = new OutputGuardrails()
    expect((await guard.filter({ structuredContent: deep })).reasons[0]?.code).toBe('OUTPUT_TOO_DEEP')
    const cyclic: Record<string, unknown> = {}
    cyclic['self'] = cyclic
    expect((await guard.filter({ structuredContent: cyclic })).verdict).toBe('block')
    expect((await guard.filter(42 as unknown as string)).reasons[0]?.code).toBe('OUTPUT_UNSUPPORTED')
    expect((await guard.filter(null as unknown as string)).verdict).toBe('block')
  })

  it('filters empty and huge strings with a clear outcome', async () => {
    const guard = new OutputGuardrails()
    expect((await guard.filter('')).verdict).toBe('pass')
    const huge = `${'lorem '.repeat(800_000)}ana@example.org`
    const result = await guard.filter(huge)
    expect(result.verdict).toBe('flag')
    expect(result.reasons.map((r) => r.code)).toContain('OUTPUT_SCAN_TRUNCATED')
    expect(result.output as string).not.toContain('ana@example.org')
  })

  it('uses reversible tokens when configured, and checks the vault at construction', async () => {
    const vault = new MemoryTokenVault()
    const result = await new OutputGuardrails({ redaction: { mode: 'token', vault } }).filter(
      'card 4111 1111 1111 1111',
    )
    expect(result.output).toMatch(/^card \[TOKEN:CREDIT_CARD:[0-9a-f]{24}\]$/)
    expect(() => new OutputGuardrails({ redaction: { mode: 'token' } })).toThrow(
      expect.objectContaining({ code: 'REDACT_VAULT_MISSING' }),
    )
  })
})

describe('OutputGuardrails key context', () => {
  it('reads a structured member name as context for its value', async () => {
    const result = await new OutputGuardrails().filter({
      structuredContent: { rows: [{ ssn: '536228726', phone_number: '4155550132', note: '536228726' }] },
    })
    const out = result.output as McpToolOutput
    expect(out.structuredContent).toEqual({
      rows: [{ ssn: '[REDACTED:US_SSN]', phone_number: '[REDACTED:PHONE_NUMBER]', note: '536228726' }],
    })
  })
})
