import type { CatalogArea } from '../entry.js'

/** Codes of upstream MCP servers, tool names on the wire, tool pinning and tool-poisoning checks. */
export const upstreamCodes: CatalogArea = {
  CONFIG_ENV_MISSING: {
    kind: 'failure',
    meaning:
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the text documents the ${VAR} syntax
      'A `${VAR}` reference in an upstream’s `env` or `headers` names an environment variable the gateway does not have. The gateway does not start the upstream without it (it would fail later, less clearly).',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the text documents the ${VAR} syntax
    fix: 'Set the variable in the gateway’s environment, or write `${VAR:-default}` to give a default.',
  },
  TOOL_NAME_COLLISION: {
    kind: 'failure',
    meaning:
      'Two tools would have the same name, canonically or on the wire (`a.b` and `a_b` both become `a_b`; server `a__b` tool `c` meets server `a` tool `b__c`). The gateway refuses to start rather than route one tool’s calls to another.',
    fix: 'Rename one of the upstream servers in warden.yaml (`upstreams.<name>`); the error names both tools.',
  },
  TOOL_NOT_ACCEPTED: {
    kind: 'decision',
    meaning:
      'The tool has never been accepted by an operator (not pinned), or its description looks poisoned so trust-on-first-use did not accept it. It is hidden from agents and its calls are denied.',
    fix: 'Inspect it with `warden tools list`, then `warden tools accept NAME` if it is what you expect.',
  },
  TOOL_DEFINITION_CHANGED: {
    kind: 'decision',
    meaning:
      'The upstream now describes the tool differently (name, title, description, input or output schema, or annotations) from the definition an operator accepted: a possible rug pull. The tool is hidden and its calls denied; a changed definition is never accepted automatically.',
    fix: 'Review the change with `warden tools list`, then `warden tools accept NAME` to pin the new definition.',
  },
  PIN_STORE_INVALID: {
    kind: 'failure',
    meaning:
      'The tool pin file (`.warden/pins.json`) cannot be read or is not a valid pin file. Warden does not start with an empty pin set instead, since trust-on-first-use would then accept rug-pulled tools.',
    fix: 'Restore the file from a backup, or remove it and re-accept the tools with `warden tools accept`.',
  },
  TOOL_PIN_NAME_MISMATCH: {
    kind: 'failure',
    meaning: 'A tool was accepted under a name different from the name in its definition (a caller error).',
    fix: 'Accept the definition under its own canonical name.',
  },
  UPSTREAM_UNAVAILABLE: {
    kind: 'failure',
    meaning:
      'The upstream MCP server is not connected: it failed to start, crashed, stopped answering or closed the connection. Its calls fail (as tool errors) while the gateway restarts it with exponential backoff.',
    fix: 'Check the server’s command/url in warden.yaml and its stderr (quoted in the message); it is retried automatically.',
  },
  UPSTREAM_TIMEOUT: {
    kind: 'failure',
    meaning:
      'The upstream did not answer a call in time. The call is cancelled upstream (notifications/cancelled); a server that also stops answering pings is restarted.',
    fix: 'Retry later, or raise the call timeout if the tool is legitimately slow (progress notifications extend it).',
  },
  UPSTREAM_CANCELLED: {
    kind: 'failure',
    meaning: 'The caller cancelled the call; the cancellation was forwarded to the upstream server.',
    fix: 'Nothing to fix; retry the call if it is still wanted.',
  },
  UPSTREAM_ERROR: {
    kind: 'failure',
    meaning:
      'The upstream answered the call with a protocol error (unknown tool, invalid arguments, invalid result) rather than a tool result.',
    fix: 'Check the arguments against the tool’s input schema; the upstream’s message is quoted.',
  },
  UPSTREAM_TOOL_UNKNOWN: {
    kind: 'failure',
    meaning: 'A call was routed to an upstream that does not offer a tool of that name.',
    fix: 'List the tools with `warden tools list`; upstream tools are named `<server>/<tool>`.',
  },
}
