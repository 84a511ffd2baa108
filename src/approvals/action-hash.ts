import { createHash } from 'node:crypto'
import { canonicalJson } from '../audit/canonical-json.js'
import type { Action } from '../core/action.js'

/**
 * SHA-256 over the canonical JSON of {agent, session, tool, args}: an approval is bound to exactly this,
 * so an agent that changes one argument after approval (a larger amount, another recipient) needs a new
 * approval. Canonical JSON makes the hash independent of key order.
 */
export function actionHash(action: Pick<Action, 'agent' | 'session' | 'tool' | 'args'>): string {
  const bound = { agent: action.agent, session: action.session ?? null, tool: action.tool, args: action.args }
  return createHash('sha256').update(canonicalJson(bound)).digest('hex')
}
