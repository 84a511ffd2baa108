import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { canonicalJson } from '../../audit/canonical-json.js'
import { OutputGuardrails } from './output-guardrails.js'

const sha256 = (value: unknown) => createHash('sha256').update(canonicalJson(value)).digest('hex')

// Text with and without things to redact, so both paths of filteredSha256 (recomputed, or reused when
// nothing was redacted) are exercised.
const texts = fc.oneof(
  fc.string(),
  fc.constantFrom('mail ana@example.org', 'card 4111 1111 1111 1111', 'All 3 builds passed.', ''),
)

describe('OutputGuardrails audit hashes', () => {
  it('hash the canonical JSON of the original and of the filtered output, whatever was found', async () => {
    const guard = new OutputGuardrails()
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            content: fc.array(fc.record({ type: fc.constant('text'), text: texts }), { maxLength: 3 }),
            structuredContent: fc.dictionary(fc.string({ maxLength: 8 }), texts, { maxKeys: 3 }),
            tool: fc.constant('weather/get_forecast'),
            isError: fc.boolean(),
          },
          { requiredKeys: ['content'] },
        ),
        async (output) => {
          const result = await guard.filter(output)
          expect(result.audit.originalSha256).toBe(sha256(output))
          if (result.verdict !== 'block') expect(result.audit.filteredSha256).toBe(sha256(result.output))
        },
      ),
      { numRuns: 300 },
    )
  })
})
