import type { CatalogArea } from '../entry.js'

/** Codes of the gateway's call path (src/gateway/handle-call.ts): routing, execution, output. */
export const gatewayCoreCodes: CatalogArea = {
  TOOL_UNAVAILABLE: {
    kind: 'decision',
    meaning:
      'The policy allowed the tool, but no running source offers it now (its upstream is down or no longer lists it).',
    fix: 'Check the upstream (`warden tools list`); the call can be retried once the tool is offered again.',
  },
  TOOL_SOURCE_FAILED: {
    kind: 'decision',
    meaning: 'The tool source failed while running the call (an internal error, not a tool error result).',
    fix: 'Read the message; the outcome is in the audit log. Retry once the source is healthy.',
  },
  OUTPUT_FILTER_FAILED: {
    kind: 'decision',
    meaning:
      'The tool ran, but its result could not be checked by the output guardrails, so it was withheld (fail closed).',
    fix: "Read the message; the tool's effect happened (see the outcome record). Fix the filter configuration.",
  },
  DENIED: {
    kind: 'decision',
    meaning:
      'The action was refused without a more specific reason (a fallback: every stage normally names its code).',
    fix: 'Look at the audit record of the action for its trace.',
  },
  ROLLBACK: {
    kind: 'decision',
    meaning: 'An operator rolled back a governed action (`warden rollback`); the record carries who and why.',
    fix: 'Nothing to do: it is the audit trail of the rollback itself.',
  },
}
