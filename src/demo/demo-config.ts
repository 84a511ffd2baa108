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
  - { condition: 'guardrails.anomalyDetected', action: pause }
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
