/** An injection classifier served over HTTP (Meta Prompt Guard behind a small server, LLM Guard's API). */
export interface ExternalClassifierOptions {
  /** POST endpoint; receives `{"text": ...}` (LLM Guard also reads `prompt`). */
  readonly url: string
  readonly timeoutMs: number
  readonly headers?: Readonly<Record<string, string>>
}

export type ExternalAnswer =
  | { readonly ok: true; readonly score: number }
  | { readonly ok: false; readonly reason: string }

/**
 * Asks the external classifier for a 0..1 injection score. Never throws: a timeout, a network error, a
 * non-2xx status or an answer without a score is `{ ok: false }`, which callers turn into a flag, so an
 * attacker who can slow the classifier down cannot make input pass unchecked.
 */
export async function queryExternalClassifier(
  text: string,
  options: ExternalClassifierOptions,
): Promise<ExternalAnswer> {
  try {
    const response = await fetch(options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...options.headers },
      body: JSON.stringify({ text, prompt: text }),
      signal: AbortSignal.timeout(options.timeoutMs),
    })
    if (!response.ok) return { ok: false, reason: `external classifier answered HTTP ${response.status}` }
    const score = scoreOf(await response.json())
    if (score === undefined) return { ok: false, reason: 'external classifier answer has no score' }
    return { ok: true, score }
  } catch (error) {
    const name = (error as Error).name
    const reason =
      name === 'TimeoutError' || name === 'AbortError'
        ? `external classifier timed out after ${options.timeoutMs} ms`
        : `external classifier unreachable: ${(error as Error).message}`
    return { ok: false, reason }
  }
}

// Reads the shapes such servers answer with: {score}, {injection}, {risk_score} (LLM Guard),
// {scanners: {PromptInjection: s}} (LLM Guard analyze), [{label, score}] (Hugging Face text-classification,
// Prompt Guard labels INJECTION / JAILBREAK / MALICIOUS vs BENIGN).
function scoreOf(body: unknown): number | undefined {
  const valid = (x: unknown) => (typeof x === 'number' && x >= 0 && x <= 1 ? x : undefined)
  if (Array.isArray(body)) {
    const flat = (Array.isArray(body[0]) ? body[0] : body) as { label?: unknown; score?: unknown }[]
    let best: number | undefined
    for (const item of flat) {
      const s = valid(item?.score)
      if (s === undefined || typeof item.label !== 'string') continue
      const bad = /inject|jailbreak|malicious|unsafe/i.test(item.label)
      const v = bad ? s : 1 - s
      best = best === undefined ? v : Math.max(best, bad ? v : Math.min(best, v))
    }
    return best
  }
  if (typeof body !== 'object' || body === null) return undefined
  const b = body as Record<string, unknown>
  const direct = valid(b['score']) ?? valid(b['injection']) ?? valid(b['risk_score'])
  if (direct !== undefined) return direct
  const scanners = b['scanners']
  if (typeof scanners === 'object' && scanners !== null)
    return valid((scanners as Record<string, unknown>)['PromptInjection'])
  return undefined
}
