/**
 * The demo's policy: the seed's agentPermissions for an assistant, the seed's escalation rules, one upstream
 * (the demo web server) and the governed tools on the demo sandbox.
 */
export function demoConfig(upstreamUrl: string, agentKeyHash: string): string {
  return `
agents:
  assistant:
    description: Answers questions about the shop and writes reports
    keys: ['${agentKeyHash}']
    permissions:
      files: { read: ['/data/public/**', '/data/reports/**'], write: ['/data/outputs/**'], delete: ['/data/backups/old/**'] }
      database: { tables: [products, orders], operations: [SELECT], rowLimit: 100 }
      apis: { allowed: [weather.api.com], methods: [GET], rateLimit: 100 }
      tools: { allow: [web/fetch_page, email.send] }
escalationRules:
  - { condition: 'transaction.amount > 10000', action: requireApproval }
  - { condition: 'data.classification === "confidential"', action: requireApproval }
  - { condition: 'action.reversible === false', action: requireApproval }
  - { condition: 'agent.confidence < 0.7', action: requireReview }
# The seed's fifth rule (guardrails.anomalyDetected → pause) and anomaly detection are off here so that every
# threat is shown: on by default, they pause an agent after its fourth refusal in ten minutes (probing).
behavior: { anomaly: { enabled: false } }
upstreams:
  web: { url: '${upstreamUrl}' }
governed:
  files: { mounts: { /data: ./sandbox/data } }
  db: { url: 'sqlite:./sandbox/shop.db' }
  email: { outbox: ./sandbox/outbox }
  payments: { ledger: 'sqlite:./sandbox/ledger.db' }
store: 'sqlite:.warden/warden.db'
bus: 'memory:'
`
}
