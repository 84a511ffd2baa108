/** Terms and topics that must not appear in tool output. */
export interface ContentRules {
  readonly blockedTerms?: readonly string[]
  /** Topic name → keywords; any keyword blocks the output under that topic. */
  readonly blockedTopics?: Readonly<Record<string, readonly string[]>>
}

export type ContentHit = {
  readonly code: 'OUTPUT_BLOCKED_TERM' | 'OUTPUT_BLOCKED_TOPIC'
  readonly message: string
}

/** A compiled checker; compile once when the guardrails are built (the factory validates once). */
export type ContentChecker = (text: string) => ContentHit | undefined

/**
 * Compiles the rules into one case-insensitive, whole-word matcher per list. Terms are escaped, never
 * treated as regex, so a configured term cannot introduce backtracking.
 */
export function compileContentRules(rules: ContentRules): ContentChecker {
  const terms = wordMatcher(rules.blockedTerms ?? [])
  const topics = Object.entries(rules.blockedTopics ?? {})
    .map(([topic, words]) => ({ topic, re: wordMatcher(words) }))
    .filter((t) => t.re !== undefined)
  return (text) => {
    const term = terms?.exec(text)
    if (term) return { code: 'OUTPUT_BLOCKED_TERM', message: `output contains a blocked term: "${term[0]}"` }
    for (const t of topics) {
      const hit = t.re!.exec(text)
      if (hit)
        return {
          code: 'OUTPUT_BLOCKED_TOPIC',
          message: `output touches blocked topic "${t.topic}" ("${hit[0]}")`,
        }
    }
    return undefined
  }
}

function wordMatcher(words: readonly string[]): RegExp | undefined {
  const clean = words.map((w) => w.trim()).filter((w) => w.length > 0)
  if (clean.length === 0) return undefined
  const alternatives = clean.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'))
  return new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}_])`, 'iu')
}
