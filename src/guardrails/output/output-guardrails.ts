import { hash } from 'node:crypto'
import { canonicalJson } from '../../audit/canonical-json.js'
import { AUDIT_WALK_LIMITS, unredactable } from '../../audit/sensitive-redactor.js'
import type { Classification, Finding } from '../finding.js'
import { classifyFindings } from './classify.js'
import { type ContentChecker, type ContentRules, compileContentRules } from './content-check.js'
import { createDlpHook, type DlpHook, type DlpOptions } from './dlp-hook.js'
import { compileFormatSchemas, type FormatChecker, hasSchema } from './format-check.js'
import { type RedactOptions, redact } from './redact.js'
import { resolveOverlaps } from './resolve-overlaps.js'
import { scanSensitive, UNSCANNED_ENTITY } from './scan-sensitive.js'
import { mapStrings, type WalkLimits } from './walk-strings.js'

/** A tool result as the gateway sees it: plain text, or an MCP CallToolResult with the tool's name. */
export type AgentOutput = string | McpToolOutput

export interface McpToolOutput {
  readonly tool?: string
  readonly content?: readonly unknown[]
  readonly structuredContent?: unknown
  readonly isError?: boolean
  /** Classification labels of the resource the result came from. */
  readonly labels?: readonly Classification[]
  readonly [key: string]: unknown
}

/** A finding with the JSON path of the string it is in (`$` for a plain string). */
export interface PathFinding extends Finding {
  readonly path: string
}

export interface FilteredOutput {
  readonly verdict: 'pass' | 'flag' | 'block'
  /** The redacted output (on block: an MCP error result, or a marker string, carrying nothing of the original). */
  readonly output: AgentOutput
  readonly findings: readonly PathFinding[]
  readonly classification: Classification
  readonly reasons: readonly { readonly code: string; readonly message: string }[]
  /** Hashes of the canonical JSON of the original and of the filtered output, for the audit record. */
  readonly audit: { readonly originalSha256: string; readonly filteredSha256: string }
  /**
   * The original output as the audit's `redacted` capture keeps it, computed on demand from this scan
   * (the audit need not scan it again): every string with the stage's findings and every finding of the
   * audit's own scan (`scanSensitive` without key context, at any score, every entity) replaced by a label.
   * Absent when the output was blocked (the record keeps the refusal).
   */
  readonly auditView?: () => unknown
}

export interface OutputGuardrailsOptions {
  readonly redaction?: RedactOptions
  /** Entities to detect (default: all); `SECRET` selects every secret. */
  readonly entities?: readonly string[]
  /** Findings below this score are ignored (default 0.5). */
  readonly minScore?: number
  /** JSON Schema per tool for `structuredContent` (or the JSON text of the result). */
  readonly schemas?: Readonly<Record<string, unknown>>
  readonly content?: ContentRules
  readonly dlp?: DlpOptions
  readonly limits?: Partial<WalkLimits>
  /** Labels applied to every result (e.g. the deployment's baseline classification). */
  readonly labels?: readonly Classification[]
}

const DEFAULT_LIMITS: WalkLimits = Object.freeze({ maxDepth: 64, maxNodes: 100_000 })
const META_KEYS = new Set(['tool', 'labels'])
type Reason = { code: string; message: string }

/**
 * The output stage: every text field of a result (MCP `content` blocks, `structuredContent`, plain
 * strings) is scanned and redacted; the format is checked against the tool's schema, the content against
 * blocked terms and topics, and optionally an external DLP analyzer (fail closed). The result carries
 * findings, a data classification and hashes of the original and filtered output for the audit.
 *
 * @example
 * const guard = new OutputGuardrails({ redaction: { mode: 'label' } })
 * const r = await guard.filter({ content: [{ type: 'text', text: 'mail bob@example.org' }] })
 * // r.verdict 'flag', r.output.content[0].text 'mail [REDACTED:EMAIL_ADDRESS]', r.classification 'confidential'
 */
export class OutputGuardrails {
  readonly #options: OutputGuardrailsOptions
  readonly #limits: WalkLimits
  readonly #format: FormatChecker
  readonly #content: ContentChecker
  readonly #dlp: DlpHook | undefined
  // Built once: #scan runs for every string of every result.
  readonly #scanOptions: { readonly entities?: readonly string[] }
  readonly #minScore: number

  constructor(options: OutputGuardrailsOptions = {}) {
    this.#options = options
    this.#limits = { ...DEFAULT_LIMITS, ...options.limits }
    this.#format = compileFormatSchemas(options.schemas ?? {})
    this.#content = compileContentRules(options.content ?? {})
    this.#dlp = options.dlp === undefined ? undefined : createDlpHook(options.dlp)
    this.#scanOptions = options.entities === undefined ? {} : { entities: options.entities }
    this.#minScore = options.minScore ?? 0.5
    // Fail at start-up, not per result, when a redaction mode lacks its key or vault.
    redact('x', [{ type: 'pii', entity: 'CHECK', start: 0, end: 1, score: 1 }], options.redaction)
  }

  /** Filters one result. Never throws for bad output: problems become a `block` verdict. */
  async filter(output: AgentOutput): Promise<FilteredOutput> {
    const originalSha256 = sha256Of(output)
    const isText = typeof output === 'string'
    if (!isText && (output === null || typeof output !== 'object' || Array.isArray(output))) {
      return this.#blocked(output, originalSha256, [
        { code: 'OUTPUT_UNSUPPORTED', message: `output is ${describe(output)}` },
      ])
    }
    const body = isText ? output : stripMeta(output)
    const texts = new Map<string, string>()
    const walked = mapStrings(
      body,
      (text, path) => {
        texts.set(path, text)
        return text
      },
      this.#limits,
    )
    if (!walked.ok)
      return this.#blocked(output, originalSha256, [{ code: 'OUTPUT_TOO_DEEP', message: walked.reason }])

    const reasons: Reason[] = []
    const tool = isText ? undefined : output.tool
    // Without a schema for the tool there is nothing to check: the JSON view is not even built.
    const formatProblem = hasSchema(this.#options.schemas, tool)
      ? this.#format(tool, formatValue(output))
      : undefined
    if (formatProblem !== undefined) reasons.push({ code: 'OUTPUT_FORMAT_INVALID', message: formatProblem })
    const byPath = new Map<string, Finding[]>()
    // What the audit's scanner would find in each string (scanSensitive as is): kept when the stage's own
    // scan was that very scan, so the audit record reuses it instead of scanning the output again.
    const bare = new Map<string, readonly Finding[]>()
    for (const [path, text] of texts) {
      const hit = this.#content(text)
      if (hit !== undefined) reasons.push({ code: hit.code, message: `${hit.message} at ${path}` })
      byPath.set(path, this.#scan(text, keyOf(path), path, bare))
    }
    if (this.#dlp !== undefined) {
      for (const [path, text] of texts) {
        if (text.length === 0) continue
        const result = await this.#dlp(text)
        if (!result.ok) {
          reasons.push({ code: 'OUTPUT_DLP_UNAVAILABLE', message: `${result.reason} (at ${path})` })
          break
        }
        byPath.set(path, resolveOverlaps([...(byPath.get(path) ?? []), ...result.findings]))
      }
    }
    if (reasons.length > 0) return this.#blocked(output, originalSha256, reasons)

    const findings = [...byPath].flatMap(([path, list]) => list.map((f) => ({ ...f, path })))
    // Nothing found: nothing to redact; the walk above already made the copy (the filtered output never
    // shares objects with the original, which the audit view reads later).
    const redacted =
      findings.length > 0
        ? mapStrings(
            body,
            (text, path) => redact(text, byPath.get(path) ?? [], this.#options.redaction),
            this.#limits,
          )
        : walked
    const filtered: AgentOutput = isText
      ? redacted.ok
        ? (redacted.value as string)
        : ''
      : { ...metaOf(output), ...(redacted.ok ? (redacted.value as object) : {}) }
    const labels = [...(this.#options.labels ?? []), ...(isText ? [] : (output.labels ?? []))]
    const flags: Reason[] = []
    if (findings.some((f) => f.entity === UNSCANNED_ENTITY))
      flags.push({ code: 'OUTPUT_SCAN_TRUNCATED', message: 'text past the scan budget was redacted unread' })
    if (findings.some((f) => f.entity !== UNSCANNED_ENTITY))
      flags.push({ code: 'OUTPUT_SENSITIVE_DATA', message: `${findings.length} finding(s) redacted` })
    return {
      verdict: flags.length > 0 ? 'flag' : 'pass',
      output: filtered,
      findings,
      classification: classifyFindings(findings, labels),
      reasons: flags,
      // Nothing redacted: the filtered output has the original's members, so the same canonical JSON.
      audit: { originalSha256, filteredSha256: findings.length > 0 ? sha256Of(filtered) : originalSha256 },
      auditView: () => auditView(output, byPath, bare),
    }
  }

  // A structured value is scanned with its key in front ("ssn: 536228726"), so the key name is the
  // context a bare value lacks; findings are shifted back and kept only inside the value.
  #scan(
    text: string,
    key: string | undefined,
    path: string,
    bare: Map<string, readonly Finding[]>,
  ): Finding[] {
    const min = this.#minScore
    const prefix = key === undefined ? '' : `${key}: `
    const found = scanSensitive(prefix + text, this.#scanOptions)
    if (prefix === '' && this.#options.entities === undefined) bare.set(path, found)
    const out: Finding[] = []
    for (const f of found) {
      if (f.score < min || f.end <= prefix.length) continue
      out.push({ ...f, start: Math.max(0, f.start - prefix.length), end: f.end - prefix.length })
    }
    return out
  }

  #blocked(output: unknown, originalSha256: string, reasons: Reason[]): FilteredOutput {
    const marker = `[BLOCKED:${reasons[0]?.code ?? 'OUTPUT_UNSUPPORTED'}]`
    const replacement: AgentOutput =
      typeof output === 'string' ? marker : { content: [{ type: 'text', text: marker }], isError: true }
    const labels = [...(this.#options.labels ?? [])]
    return {
      verdict: 'block',
      output: replacement,
      findings: [],
      // What was blocked unread is classified as the worst case (fail closed).
      classification: classifyFindings([], [...labels, 'restricted']),
      reasons,
      audit: { originalSha256, filteredSha256: sha256Of(replacement) },
    }
  }
}

// The audit's `redacted` form of the original output (what src/audit/sensitive-redactor.ts would keep of
// it, plus what the stage redacted): strings the stage did not scan as the audit would (meta members, key
// context, chosen entities) get the audit's scan here.
function auditView(
  output: AgentOutput,
  byPath: ReadonlyMap<string, readonly Finding[]>,
  bare: ReadonlyMap<string, readonly Finding[]>,
): unknown {
  const walked = mapStrings(
    output,
    (text, path) => {
      const stage = byPath.get(path) ?? []
      const own = bare.get(path) ?? scanSensitive(text)
      if (stage.length === 0 && own.length === 0) return text
      // redact() merges overlapping spans into their union, so nothing either scan found stays.
      return redact(text, [...own, ...stage])
    },
    AUDIT_WALK_LIMITS,
  )
  return walked.ok ? walked.value : unredactable(output, walked.reason)
}

// The member name a JSON path ends in ("$.rows[0].ssn" → "ssn"), when it reads as a word.
function keyOf(path: string): string | undefined {
  const m = /\.([A-Za-z_][\w-]{0,40})$/.exec(path)
  return m === null || m[1] === 'text' ? undefined : m[1]!.replace(/[_-]+/g, ' ')
}

function stripMeta(output: McpToolOutput): Record<string, unknown> {
  return Object.fromEntries(Object.entries(output).filter(([k]) => !META_KEYS.has(k)))
}

function metaOf(output: McpToolOutput): Record<string, unknown> {
  return Object.fromEntries(Object.entries(output).filter(([k]) => META_KEYS.has(k)))
}

// What the tool's schema is checked against: structuredContent, else the JSON in the first text block.
function formatValue(output: AgentOutput): unknown {
  if (typeof output === 'string') return parseJson(output)
  if (output.structuredContent !== undefined) return output.structuredContent
  const first = output.content?.find((c) => (c as { type?: unknown })?.type === 'text') as
    | { text?: unknown }
    | undefined
  return typeof first?.text === 'string' ? parseJson(first.text) : undefined
}

// Text that cannot start a JSON value is the text itself; JSON.parse would only throw (and exceptions cost).
const JSON_START = /^[\s]*[[{"\-0-9tfn]/

function parseJson(text: string): unknown {
  if (!JSON_START.test(text)) return text
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

// SHA-256 of the canonical JSON; values with no JSON form (cycles, NaN) hash their description so the
// audit still gets a stable, non-empty value.
function sha256Of(value: unknown): string {
  let json: string
  try {
    json = canonicalJson(value)
  } catch {
    json = `unencodable:${describe(value)}`
  }
  return hash('sha256', json, 'hex')
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return `a ${typeof value}`
}
