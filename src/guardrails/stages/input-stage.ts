import type { Stage } from '../../core/stage.js'
import { ALLOW, deny, requireControl, type Verdict } from '../../core/verdict.js'
import { CLASSIFICATIONS, type Classification } from '../finding.js'
import {
  type InputGuardrailOptions,
  InputGuardrails,
  type ValidationResult,
} from '../input/input-guardrails.js'
import { classifyFindings } from '../output/classify.js'
import { scanSensitive } from '../output/scan-sensitive.js'
import { collectStrings } from './collect-strings.js'

// Arguments that are structure, not prose: a prose injection model reading SQL, URLs or paths mostly finds
// false alarms (measured on the boundary corpora), and each of these has its own boundary check.
const STRUCTURED_KEYS = new Set([
  'path',
  'sql',
  'url',
  'method',
  'headers',
  'params',
  'to',
  'amount',
  'currency',
])
const PROSE = /\S+\s+\S+\s+\S+/ // three words or more

/**
 * Stage 2: the seed's InputGuardrails. The user's text (`context.input`) gets the whole check: length and
 * configured patterns refuse, a likely injection refuses and a possible one goes on under review. Prose in the
 * arguments (a message body, a search query) is checked for injection too, but only ever sent to review: it is
 * the agent's own output, and blocking it on a detector's guess would stall legitimate work. Every string
 * counts towards the sensitivity of the data (`data.classification`), and an injection sets
 * `guardrails.injectionDetected`, for the escalation and flow rules.
 */
export function inputStage(options: InputGuardrailOptions & { maxArgChars?: number } = {}): Stage {
  const guard = new InputGuardrails(options)
  const maxChars = options.maxArgChars ?? options.maxLength ?? 100_000
  return {
    name: 'input',
    check(action, ctx): Verdict {
      const userInput = action.context?.['input']
      const args = collectStrings(action.args, maxChars)
      if (args.truncated)
        return deny('INPUT_TOO_LONG', `the arguments hold more than ${maxChars} characters of text`)
      const { prose, other } = contentOf(action.args)
      let verdict: Verdict = ALLOW
      if (typeof userInput === 'string' && userInput.trim() !== '') {
        const result = guard.validate(userInput)
        publish(ctx.facts, result)
        verdict = fromUserInput(result)
        if (verdict.kind === 'deny') return verdict
      }
      if (prose.length > 0) {
        const result = guard.validate(prose.join('\n'))
        publish(ctx.facts, result)
        if (verdict.kind === 'allow' && result.injection.detected) {
          verdict = requireControl('review', 'PROMPT_INJECTION', `arguments: ${describe(result)}`)
        }
      }
      const rest = other.join('\n')
      if (rest.trim() !== '') {
        const found = classifyFindings(scanSensitive(rest))
        ctx.facts['data.classification'] = worst(ctx.facts['data.classification'], found)
      }
      return verdict
    },
  }
}

function fromUserInput(result: ValidationResult): Verdict {
  const failed = result.checks.filter((c) => !c.passed && c.name !== 'sensitivity')
  const first = failed[0]
  if (first === undefined) return ALLOW
  const code = first.code ?? 'PROMPT_INJECTION'
  const reason = `user input: ${first.name === 'injection' ? describe(result) : (first.reason ?? 'refused')}`
  return result.verdict === 'block' ? deny(code, reason) : requireControl('review', code, reason)
}

/**
 * The text of the arguments in one pass, as prose (three words or more: read for injection and sensitivity)
 * and other content (read for sensitivity only). Addresses, URLs, SQL and paths say where data goes, not what
 * it is: they are neither.
 */
function contentOf(args: Readonly<Record<string, unknown>>): { prose: string[]; other: string[] } {
  const prose: string[] = []
  const other: string[] = []
  for (const [key, value] of Object.entries(args)) {
    if (STRUCTURED_KEYS.has(key)) continue
    for (const text of collectStrings(value, Number.POSITIVE_INFINITY).texts)
      (PROSE.test(text) ? prose : other).push(text)
  }
  return { prose, other }
}

function publish(facts: Record<string, unknown>, result: ValidationResult): void {
  if (result.injection.detected) facts['guardrails.injectionDetected'] = true
  facts['data.classification'] = worst(facts['data.classification'], result.classification)
}

function describe(result: ValidationResult): string {
  const families = [...new Set(result.injection.findings.map((f) => f.entity))].slice(0, 4).join(', ')
  return `possible prompt injection (score ${result.injection.score.toFixed(2)}${families === '' ? '' : `: ${families}`})`
}

function worst(previous: unknown, next: Classification): Classification {
  const known = CLASSIFICATIONS.find((c) => c === previous)
  if (known === undefined) return next
  return CLASSIFICATIONS.indexOf(known) >= CLASSIFICATIONS.indexOf(next) ? known : next
}
