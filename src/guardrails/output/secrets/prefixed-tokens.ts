import type { Finding } from '../../finding.js'
import { isPlaceholder } from '../placeholder.js'
import { type Recognizer, secretFinding } from '../recognizer.js'
import { TOKEN_RULES } from './token-rules.js'

/** Provider tokens by prefix (AWS, GitLab, Slack, Stripe, OpenAI, Anthropic, Google, ...), placeholders dropped. */
export const prefixedTokenRecognizer: Recognizer = {
  entities: ['SECRET'],
  scan(text) {
    const out: Finding[] = []
    for (const r of TOKEN_RULES) {
      for (const m of text.matchAll(r.pattern)) {
        if (isPlaceholder(m[0])) continue
        if (r.check !== undefined && !r.check(m[0])) continue
        out.push(secretFinding(r.kind, m.index, m.index + m[0].length, r.score))
      }
    }
    return out
  },
}
