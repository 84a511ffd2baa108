import type { CatalogArea } from '../entry.js'

export const approvalsCodes: CatalogArea = {
  APPROVAL_PENDING: {
    kind: 'decision',
    meaning:
      'The action needs a person’s approval; a request was filed (or is already waiting) and its id is in the reply.',
    fix: 'Retry the same action (same arguments) once an approver has approved it: `warden approvals approve ID` or POST /api/approvals/{id}.',
  },
  APPROVAL_DENIED: {
    kind: 'decision',
    meaning: 'An approver denied this exact action; the reason is the approver’s.',
    fix: 'Adjust the action as the reason says; the same arguments stay denied for the approval timeout.',
  },
  APPROVAL_EXPIRED: {
    kind: 'decision',
    meaning:
      'The approval request timed out without a decision, or a granted approval was not used in time; timeouts deny.',
    fix: 'Retry the action to file a new request, and have an approver decide within approvals.timeoutMs.',
  },
  APPROVAL_CLOSED: {
    kind: 'failure',
    meaning: 'The request was already decided, used or expired; a decision cannot change it.',
    fix: 'Nothing to do; a new request is filed when the agent retries.',
  },
  APPROVAL_SELF: {
    kind: 'failure',
    meaning: 'The approver owns the agent or made the request; nobody approves their own agent’s action.',
    fix: 'Ask another member of the approver group.',
  },
  APPROVAL_NOT_APPROVER: {
    kind: 'failure',
    meaning: 'The identity is not in the approver group this request was routed to.',
    fix: 'Ask a member of the group named in the request, or change approvals.routes.',
  },
  APPROVAL_ALREADY_VOTED: {
    kind: 'failure',
    meaning: 'This approver already decided on the request; a quorum counts distinct people.',
    fix: 'Ask another approver.',
  },
  APPROVAL_CONFLICT: {
    kind: 'failure',
    meaning: 'The request changed under a concurrent decision too many times in a row.',
    fix: 'Retry the decision.',
  },
  APPROVAL_STORE_UNAVAILABLE: {
    kind: 'failure',
    meaning:
      'The approval store could not be read or written, or the audit log refused an approval event; the action is refused (fail closed).',
    fix: 'Check the store (`store:` in warden.yaml) and the audit log are reachable; the message names the cause.',
  },
  APPROVAL_NOT_APPLICABLE: {
    kind: 'failure',
    meaning: 'The approval service was asked to gate a deny or pause decision, which no person can lift.',
    fix: 'Call the approval gate only for confirm, approve, multi_approve and review decisions.',
  },
  APPROVAL_REASON_REQUIRED: {
    kind: 'failure',
    meaning: 'An approve or deny came without a reason; every decision is logged with its reasoning.',
    fix: 'Pass --reason TEXT (CLI) or "reason" (API).',
  },
  APPROVAL_DECLINED: {
    kind: 'decision',
    meaning:
      'The requesting user was asked to confirm the action (MCP elicitation) and declined or dismissed it; it did not run.',
    fix: 'Do not retry unchanged: a decline stands for approvals.timeoutMs. Change the action, or ask the user; a dismissal is asked again on retry.',
  },
  APPROVAL_CONFIRM_FAILED: {
    kind: 'decision',
    meaning:
      'Asking the user to confirm (MCP elicitation) failed or got no answer within approvals.confirmTimeoutMs; the action is refused (fail closed) and the request stays pending.',
    fix: 'Retry to be asked again, or have the request confirmed with `warden approvals approve ID` or the API.',
  },
}
