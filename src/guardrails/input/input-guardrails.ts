import type { Classification, Finding } from '../finding.js'
import { classifyFindings } from '../output/classify.js'
import { scanSensitive } from '../output/scan-sensitive.js'
import { type ExternalClassifierOptions, queryExternalClassifier } from './external-classifier.js'
import {
  INJECTION_DEFAULTS,
  type InjectionOptions,
  type InjectionResult,
  scoreInjection,
} from './injection.js'
import { compileSafePattern, type SafePattern } from './safe-pattern.js'

export type GuardVerdict = 'pass' | 'flag' | 'block'

/** The injection settings an input stage takes (the rest of `InjectionOptions` is for evaluation). */
type InjectionStageOptions = Pick<InjectionOptions, 'flagAt' | 'blockAt' | 'userClassifierAt' | 'source'>

/** A configured deny pattern: a regex source (or RegExp) and what a match does (default block). */
export interface InputPatternConfig {
  readonly name?: string
  readonly pattern: string | RegExp
  readonly action?: 'flag' | 'block'
}

export interface InputGuardrailOptions {
  /** Longest input in characters; longer is flagged and only the first `maxLength` are read (default 100,000). */
  readonly maxLength?: number
  /** Deny patterns, checked for catastrophic backtracking here (throws UNSAFE_PATTERN). */
  readonly patterns?: readonly (string | RegExp | InputPatternConfig)[]
  readonly injection?: InjectionStageOptions
  /** Classification at which sensitive input is flagged (default confidential) or blocked (default never). */
  readonly sensitivity?: { readonly flagAt?: Classification; readonly blockAt?: Classification }
  /** A Prompt Guard / LLM Guard style server, consulted by `validateAsync`; failure flags. */
  readonly externalClassifier?: ExternalClassifierOptions
}

export interface GuardCheck {
  readonly name: 'length' | 'patterns' | 'injection' | 'sensitivity' | 'external'
  readonly passed: boolean
  readonly reason?: string
  readonly code?: string
}

export interface ValidationResult {
  readonly verdict: GuardVerdict
  readonly checks: GuardCheck[]
  readonly injection: InjectionResult
  readonly classification: Classification
  readonly findings: Finding[]
}

const RANK: Readonly<Record<Classification, number>> = {
  public: 0,
  internal: 1,
  confidential: 2,
  restricted: 3,
}
const SEVERITY: Readonly<Record<GuardVerdict, number>> = { pass: 0, flag: 1, block: 2 }

/**
 * The seed's InputGuardrails: length, configured patterns, prompt injection and sensitivity, each a
 * check with a reason and a catalog code, aggregated so the most severe wins (block > flag > pass).
 * Options are validated once here; `validate` never throws on any string.
 *
 * @example
 * new InputGuardrails().validate('Ignore all previous instructions').verdict // 'block'
 */
export class InputGuardrails {
  private readonly maxLength: number
  private readonly patterns: readonly { safe: SafePattern; action: 'flag' | 'block' }[]
  private readonly options: InputGuardrailOptions
  // Built once: every validate call passes the same options to scoreInjection.
  private readonly injection: InjectionStageOptions

  constructor(options: InputGuardrailOptions = {}) {
    this.options = options
    this.maxLength = options.maxLength ?? 100_000
    this.injection = definedInjectionOptions(options.injection ?? {})
    this.patterns = (options.patterns ?? []).map((p, i) => {
      const config: InputPatternConfig = typeof p === 'string' || p instanceof RegExp ? { pattern: p } : p
      const source = typeof config.pattern === 'string' ? config.pattern : config.pattern.source
      const flags = typeof config.pattern === 'string' ? 'i' : config.pattern.flags.replace(/[gy]/g, '')
      return {
        safe: compileSafePattern(source, flags, config.name ?? `patterns[${i}]`),
        action: config.action ?? 'block',
      }
    })
  }

  /** Runs the local checks (no I/O). */
  validate(input: string): ValidationResult {
    const text = typeof input === 'string' ? input : ''
    const results: { check: GuardCheck; verdict: GuardVerdict }[] = []
    const findings: Finding[] = []
    const scanned = text.length > this.maxLength ? text.slice(0, this.maxLength) : text

    const tooLong = text.length > this.maxLength || typeof input !== 'string'
    results.push({
      check: tooLong
        ? {
            name: 'length',
            passed: false,
            reason:
              typeof input !== 'string'
                ? 'input is not text'
                : `input is ${text.length} characters, more than ${this.maxLength}`,
            code: 'INPUT_TOO_LONG',
          }
        : { name: 'length', passed: true },
      verdict: tooLong ? 'flag' : 'pass',
    })

    let patternVerdict: GuardVerdict = 'pass'
    const matched: string[] = []
    for (const p of this.patterns) {
      const m = p.safe.match(scanned)
      if (m === undefined) continue
      matched.push(p.safe.name)
      findings.push({ type: 'pattern', entity: p.safe.name, start: m[0], end: m[1], score: 1 })
      if (SEVERITY[p.action] > SEVERITY[patternVerdict]) patternVerdict = p.action
    }
    results.push({
      check:
        matched.length > 0
          ? {
              name: 'patterns',
              passed: false,
              reason: `matches ${matched.join(', ')}`,
              code: 'INPUT_PATTERN_MATCHED',
            }
          : { name: 'patterns', passed: true },
      verdict: patternVerdict,
    })

    const injection = scoreInjection(scanned, this.injection)
    findings.push(...injection.findings)
    results.push({
      check: injection.detected
        ? { name: 'injection', passed: false, reason: injectionReason(injection), code: 'PROMPT_INJECTION' }
        : { name: 'injection', passed: true },
      verdict: injection.verdict,
    })

    const sensitive = scanSensitive(scanned)
    findings.push(...sensitive)
    const classification = classifyFindings(sensitive)
    const sens = this.options.sensitivity
    const sensVerdict: GuardVerdict =
      sens?.blockAt !== undefined && RANK[classification] >= RANK[sens.blockAt]
        ? 'block'
        : RANK[classification] >= RANK[sens?.flagAt ?? 'confidential']
          ? 'flag'
          : 'pass'
    results.push({
      check:
        sensVerdict === 'pass'
          ? { name: 'sensitivity', passed: true }
          : {
              name: 'sensitivity',
              passed: false,
              reason: `classified ${classification}`,
              code: 'SENSITIVE_INPUT',
            },
      verdict: sensVerdict,
    })
    return aggregate(results, injection, classification, findings)
  }

  /** `validate` plus the external classifier, whose failure or timeout flags (never passes). */
  async validateAsync(input: string): Promise<ValidationResult> {
    const local = this.validate(input)
    const external = this.options.externalClassifier
    if (external === undefined) return local
    const text = typeof input === 'string' ? input.slice(0, this.maxLength) : ''
    const answer = await queryExternalClassifier(text, external)
    const flagAt = this.injection.flagAt ?? INJECTION_DEFAULTS.flagAt
    const blockAt = this.injection.blockAt ?? INJECTION_DEFAULTS.blockAt
    let verdict: GuardVerdict
    let check: GuardCheck
    if (!answer.ok) {
      verdict = 'flag'
      check = { name: 'external', passed: false, reason: answer.reason, code: 'EXTERNAL_CLASSIFIER_FAILED' }
    } else {
      verdict = answer.score >= blockAt ? 'block' : answer.score >= flagAt ? 'flag' : 'pass'
      check =
        verdict === 'pass'
          ? { name: 'external', passed: true }
          : {
              name: 'external',
              passed: false,
              reason: `external classifier scored ${answer.score}`,
              code: 'PROMPT_INJECTION',
            }
    }
    const worse = SEVERITY[verdict] > SEVERITY[local.verdict] ? verdict : local.verdict
    return { ...local, verdict: worse, checks: [...local.checks, check] }
  }
}

// Only the stage's own settings, and only those set: nothing else a caller's object carries (an
// evaluation-only `model`, `maxChars`) reaches scoreInjection.
function definedInjectionOptions(i: InjectionStageOptions): InjectionStageOptions {
  return {
    ...(i.flagAt === undefined ? {} : { flagAt: i.flagAt }),
    ...(i.blockAt === undefined ? {} : { blockAt: i.blockAt }),
    ...(i.userClassifierAt === undefined ? {} : { userClassifierAt: i.userClassifierAt }),
    ...(i.source === undefined ? {} : { source: i.source }),
  }
}

function aggregate(
  results: { check: GuardCheck; verdict: GuardVerdict }[],
  injection: InjectionResult,
  classification: Classification,
  findings: Finding[],
): ValidationResult {
  let verdict: GuardVerdict = 'pass'
  for (const r of results) if (SEVERITY[r.verdict] > SEVERITY[verdict]) verdict = r.verdict
  return { verdict, checks: results.map((r) => r.check), injection, classification, findings }
}

function injectionReason(r: InjectionResult): string {
  const families = [...new Set(r.findings.map((f) => f.entity))]
  return `injection score ${r.score}${families.length > 0 ? ` (${families.join(', ')})` : ''}`
}
