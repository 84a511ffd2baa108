import type { CatalogArea } from '../entry.js'

export const outputCodes: CatalogArea = {
  OUTPUT_FORMAT_INVALID: {
    kind: 'decision',
    meaning: "A tool's result does not match the JSON Schema configured for that tool.",
    fix: 'The result was blocked. Fix the tool, or the schema if the tool changed its output on purpose.',
  },
  OUTPUT_BLOCKED_TERM: {
    kind: 'decision',
    meaning: 'A tool result contains a term on the output block list.',
    fix: 'The result was blocked. Remove the term at its source, or take it off the list if it is harmless.',
  },
  OUTPUT_BLOCKED_TOPIC: {
    kind: 'decision',
    meaning: 'A tool result touches a topic the output guardrails block (one of its keywords matched).',
    fix: 'The result was blocked. Review the topic keywords if this was a false match.',
  },
  OUTPUT_DLP_UNAVAILABLE: {
    kind: 'decision',
    meaning:
      'The external DLP analyzer did not answer in time, answered with an error, or sent something that is not a Presidio result list.',
    fix: 'The result was blocked (fail closed). Check the analyzer URL, its health and the timeout.',
  },
  OUTPUT_TOO_DEEP: {
    kind: 'decision',
    meaning: 'A structured result is nested deeper, or has more nodes, than the output guardrails walk.',
    fix: 'The result was blocked: what is not walked is not filtered. Flatten the result or raise the limits.',
  },
  OUTPUT_UNSUPPORTED: {
    kind: 'decision',
    meaning: 'The output is neither a string nor an MCP result object, so it cannot be filtered.',
    fix: 'Return a string or an MCP CallToolResult ({content, structuredContent}).',
  },
  OUTPUT_SENSITIVE_DATA: {
    kind: 'decision',
    meaning: 'PII or secrets were found in a result and redacted; the result passed with a flag.',
    fix: 'Nothing to do unless the data should not reach the agent at all; then deny the tool or the resource.',
  },
  OUTPUT_SCAN_TRUNCATED: {
    kind: 'decision',
    meaning: 'A text field was larger than the scan budget; the part past the budget was redacted unread.',
    fix: 'Return smaller results, or page through them.',
  },
  OUTPUT_SCHEMA_INVALID: {
    kind: 'failure',
    meaning: 'A JSON Schema configured for a tool result cannot be compiled.',
    fix: 'Fix the schema named in the message (JSON Schema draft 2020-12 subset that zod understands).',
  },
  OUTPUT_CONFIG_INVALID: {
    kind: 'failure',
    meaning: 'The output guardrails were given invalid options (a DLP URL that does not parse, a bad limit).',
    fix: 'Fix the option named in the message.',
  },
  REDACT_HASH_KEY_MISSING: {
    kind: 'failure',
    meaning: 'Keyed-hash redaction was asked for without a key of at least 16 bytes.',
    fix: 'Configure a random hash key (32 bytes) for the output guardrails.',
  },
  REDACT_VAULT_MISSING: {
    kind: 'failure',
    meaning: 'Token redaction was asked for without a token vault.',
    fix: 'Give the output guardrails a vault (MemoryTokenVault or a persistent one).',
  },
  VAULT_FORBIDDEN: {
    kind: 'decision',
    meaning: 'Someone without the approver or admin role asked to reveal a redaction token.',
    fix: 'Ask an approver to reveal it.',
  },
  VAULT_UNKNOWN_TOKEN: {
    kind: 'decision',
    meaning: 'The redaction token is not in this vault (wrong vault, or the vault was restarted).',
    fix: 'Reveal against the vault that issued the token.',
  },
}
