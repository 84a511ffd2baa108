import type { CatalogArea } from '../entry.js'

/** Codes of BehavioralGuardrails (rate limits, anomalies, cumulative impact) and information-flow control. */
export const behaviorCodes: CatalogArea = {
  BEHAVIOR_ANOMALY: {
    kind: 'decision',
    meaning:
      "The action departs from the agent's learned habits (a new tool, destination or resource, a burst, an odd hour, odd argument sizes, a loop, repeated refusals, an unseen sequence); the combined score crossed a configured threshold. `guardrails.anomalyDetected` is set for escalation rules.",
    fix: 'Check the reasons with the agent owner; approve if expected (executed actions teach the baseline), or raise `behavior.anomaly` thresholds.',
  },
  IMPACT_BUDGET_EXCEEDED: {
    kind: 'decision',
    meaning:
      'A cumulative-impact budget (`behavior.budgets`: money moved, rows written, files deleted, bytes or emails sent in a window) would be exceeded; the agent is paused and an incident recorded.',
    fix: 'Review what the agent did in the window, then resume it; raise the budget if the work is legitimate.',
  },
  FLOW_UNTRUSTED_EGRESS: {
    kind: 'decision',
    meaning:
      'The session has read untrusted content (a web page, an email, an inbox file, an untrusted upstream, text flagged as injection) and the action sends data out: instructions planted in that content may be steering it.',
    fix: 'A human checks the destination and payload before approving; start a fresh session for work that must send freely.',
  },
  FLOW_CONFIDENTIAL_EGRESS: {
    kind: 'decision',
    meaning:
      'The session holds confidential or restricted data and the action sends data to a destination not allowed for that class (`flow.destinations`).',
    fix: 'Send to an allowed destination, or add the destination to `flow.destinations` for that class.',
  },
  FLOW_TRIFECTA: {
    kind: 'decision',
    meaning:
      'The lethal trifecta in one session: private data, untrusted content, and now an action that sends data out. Prompt injection cannot be detected reliably, so the combination is refused by design.',
    fix: 'Split the work into sessions that never hold both; or set `flow.trifecta` to a control such as approve.',
  },
  BEHAVIOR_STORE_UNAVAILABLE: {
    kind: 'failure',
    meaning:
      'The behavior counter store (Redis) cannot be reached; rate limits and budgets cannot be counted, so actions are refused (fail closed).',
    fix: 'Restore the Redis connection named in the configuration; actions resume once it answers.',
  },
}
