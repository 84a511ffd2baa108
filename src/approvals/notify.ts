import type { ApprovalRequest } from './approval.js'

/** A Slack-compatible incoming-webhook message for a new request (`text` is the fallback every client shows). */
export function webhookMessage(request: ApprovalRequest): { text: string; blocks: unknown[] } {
  const who = request.group === null ? 'any approver' : `group ${request.group}`
  const reasons = request.reasons.map((r) => `${r.code}: ${r.message}`).join('; ') || 'none given'
  const text =
    `Warden: ${request.kind} needed for ${request.action.agent} → ${request.action.tool} ` +
    `(risk ${request.risk}), ${who}. Approval ${request.id}. Reasons: ${reasons}`
  const args = JSON.stringify(request.action.args).slice(0, 2_000)
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      { type: 'section', text: { type: 'mrkdwn', text: `\`\`\`${args}\`\`\`` } },
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: `warden approvals approve ${request.id} --reason … --as NAME` }],
      },
    ],
  }
}

/**
 * Posts to a webhook with a time limit. The caller logs a failure and carries on: a slow or broken chat
 * integration must not hold up the agent's call (the request is in the store and the API either way).
 */
export function webhookNotifier(
  url: string,
  timeoutMs: number,
  fetchImpl: typeof fetch = fetch,
): (request: ApprovalRequest) => Promise<void> {
  return async (request) => {
    const response = await fetchImpl(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(webhookMessage(request)),
      signal: AbortSignal.timeout(timeoutMs),
    })
    if (!response.ok) throw new Error(`webhook answered HTTP ${response.status}`)
  }
}
