import type { Action } from '../core/action.js'
import type { ScoredText } from '../flow/scored-text.js'
import type { Classification } from '../guardrails/finding.js'
import {
  type McpToolOutput,
  OutputGuardrails,
  type OutputGuardrailsOptions,
} from '../guardrails/output/output-guardrails.js'
import { guardToolOutput } from '../guardrails/spotlight/tool-output.js'
import { refusal } from './refusal.js'
import type { ToolResult } from './tool-source.js'

/** What the output stage learned about one result, for the flow rules and the audit record. */
export interface OutputFacts {
  readonly classification: Classification
  readonly findings: number
  readonly injection: boolean
  readonly quarantined: boolean
  readonly originalSha256: string
  readonly filteredSha256: string
}

/** The filtered result, what the stage learned, and (unless blocked) the audit's redacted form of the result. */
export interface FilteredResult {
  readonly result: ToolResult
  readonly facts: OutputFacts
  /** The tool's result as the audit's `redacted` capture keeps it, from this stage's scan (before spotlighting). */
  readonly captured?: () => unknown
  /** The first text block this stage scored for injection (as a tool's data), so the flow labels can reuse it. */
  readonly scored?: ScoredText
}

export type OutputFilter = (action: Action & { id: string }, result: ToolResult) => Promise<FilteredResult>

/**
 * Stage 9 over a tool's result: OutputGuardrails redact PII and secrets in every text field and check
 * format and content (a block replaces the result by a coded error carrying nothing of it); then each text
 * block is scored as tool-sourced data and spotlighted, or quarantined when it looks like an injection.
 */
export function createOutputFilter(
  options: OutputGuardrailsOptions & { spotlight?: boolean } = {},
): OutputFilter {
  const guard = new OutputGuardrails(options)
  const spotlightOn = options.spotlight ?? true
  return async (action, result) => {
    const filtered = await guard.filter({ ...result, tool: action.tool } as McpToolOutput)
    const base = {
      classification: filtered.classification,
      findings: filtered.findings.length,
      ...filtered.audit,
    }
    if (filtered.verdict === 'block' || typeof filtered.output === 'string') {
      const first = filtered.reasons[0]
      return {
        result: refusal(
          action.id,
          'deny',
          first?.code ?? 'OUTPUT_BLOCKED',
          first?.message ?? 'the output was withheld',
        ),
        facts: { ...base, injection: false, quarantined: true },
      }
    }
    const output = filtered.output as ToolResult
    const captured = filtered.auditView === undefined ? {} : { captured: filtered.auditView }
    if (!spotlightOn || output.isError === true)
      return { result: output, facts: { ...base, injection: false, quarantined: false }, ...captured }
    let injection = false
    let quarantined = false
    let scored: ScoredText | undefined
    const content = (output.content ?? []).map((block) => {
      if (block.type !== 'text') return block
      const guarded = guardToolOutput(block.text, action.tool)
      scored ??= { text: block.text, source: 'tool', injection: guarded.injection }
      injection ||= guarded.tainted
      quarantined ||= guarded.quarantined
      return { ...block, text: guarded.text }
    })
    return {
      result: { ...output, content },
      facts: { ...base, injection, quarantined },
      ...captured,
      ...(scored === undefined ? {} : { scored }),
    }
  }
}
