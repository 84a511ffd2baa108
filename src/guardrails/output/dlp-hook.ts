import { WardenError } from '../../errors/warden-error.js'
import type { Finding } from '../finding.js'

/** An external analyzer that speaks Presidio's `POST /analyze` ({text, language} → [{entity_type, start, end, score}]). */
export interface DlpOptions {
  /** Full URL of the analyze endpoint, e.g. http://presidio:5002/analyze. */
  readonly url: string
  readonly timeoutMs?: number
  readonly language?: string
  readonly headers?: Readonly<Record<string, string>>
  /** Injected for tests; defaults to the global fetch. */
  readonly fetch?: typeof fetch
}

export type DlpResult =
  | { readonly ok: true; readonly findings: Finding[] }
  | { readonly ok: false; readonly reason: string }

/** Analyzer one text at a time; a failure is a value (`ok: false`) the caller turns into a block. */
export type DlpHook = (text: string) => Promise<DlpResult>

const SECRET_TYPES = /^(?:SECRET|PASSWORD|API_KEY|CREDENTIAL|TOKEN|PRIVATE_KEY|AWS_.*|AZURE_.*)$/

/**
 * A DLP hook over HTTP with a timeout. Timeouts, non-2xx answers and malformed bodies come back as
 * failures, never as "nothing found": the guardrails fail closed. Presidio counts code points; offsets
 * are converted to JavaScript string indices.
 */
export function createDlpHook(options: DlpOptions): DlpHook {
  let url: URL
  try {
    url = new URL(options.url)
  } catch {
    throw new WardenError('OUTPUT_CONFIG_INVALID', `dlp.url is not a URL: ${options.url}`)
  }
  const timeoutMs = options.timeoutMs ?? 2_000
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
    throw new WardenError('OUTPUT_CONFIG_INVALID', 'dlp.timeoutMs must be a positive number')
  const doFetch = options.fetch ?? fetch
  return async function dlpAnalyze(text) {
    try {
      const res = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...options.headers },
        body: JSON.stringify({ text, language: options.language ?? 'en' }),
        signal: AbortSignal.timeout(timeoutMs),
      })
      if (!res.ok) return { ok: false, reason: `analyzer answered HTTP ${res.status}` }
      return parseResults(text, (await res.json()) as unknown)
    } catch (error) {
      return {
        ok: false,
        reason: `analyzer unreachable: ${error instanceof Error ? error.message : String(error)}`,
      }
    }
  }
}

function parseResults(text: string, body: unknown): DlpResult {
  if (!Array.isArray(body)) return { ok: false, reason: 'analyzer answer is not a list' }
  const at = codePointIndex(text)
  const findings: Finding[] = []
  for (const item of body) {
    const r = item as Record<string, unknown>
    const { entity_type: entity, start, end, score } = r
    if (typeof entity !== 'string' || !Number.isInteger(start) || !Number.isInteger(end)) {
      return { ok: false, reason: 'analyzer result without entity_type, start or end' }
    }
    const s = at(start as number)
    const e = at(end as number)
    if (s === undefined || e === undefined || e <= s)
      return { ok: false, reason: 'analyzer offsets outside the text' }
    const sc = typeof score === 'number' && score >= 0 && score <= 1 ? score : 0.5
    findings.push(
      SECRET_TYPES.test(entity)
        ? { type: 'secret', entity: 'SECRET', kind: entity, start: s, end: e, score: sc }
        : { type: 'pii', entity, start: s, end: e, score: sc },
    )
  }
  return { ok: true, findings }
}

// Code point offset → UTF-16 index, undefined past the end.
function codePointIndex(text: string): (cp: number) => number | undefined {
  const map: number[] = []
  let u = 0
  for (const ch of text) {
    map.push(u)
    u += ch.length
  }
  map.push(u)
  return (cp) => (cp >= 0 ? map[cp] : undefined)
}
