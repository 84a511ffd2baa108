import type { CatalogArea } from '../entry.js'

/** Codes of the gateway's transports and HTTP surface (/mcp, /api, `warden up`, `warden stdio`). */
export const gatewayCodes: CatalogArea = {
  UNAUTHENTICATED: {
    kind: 'failure',
    meaning:
      'The request to /mcp or /api carries no bearer token, or one that matches no configured hash (HTTP 401). Agent keys and operator tokens are compared as SHA-256 hashes in constant time.',
    fix: 'Send `Authorization: Bearer <key>`: an agent key from `warden agents key ID` (hash under agents.ID.keys) or an operator token (hash under gateway.adminTokens); `warden up` prints generated ones on first start.',
  },
  ROLE_FORBIDDEN: {
    kind: 'failure',
    meaning:
      'The operator token is valid but its role may not use this route (HTTP 403): kill switch needs admin, approvals approver, audit and incidents auditor; admin may use all.',
    fix: 'Use a token with the needed role, or give the operator that role in gateway.adminTokens.',
  },
  HOST_NOT_ALLOWED: {
    kind: 'failure',
    meaning:
      'The Host header is not in gateway.allowedHosts (HTTP 403). This stops DNS rebinding: a web page that points its own name at 127.0.0.1 sends that name as Host.',
    fix: 'Reach the gateway as localhost or 127.0.0.1, or add the name it is served under to gateway.allowedHosts.',
  },
  ORIGIN_NOT_ALLOWED: {
    kind: 'failure',
    meaning:
      'A browser request came from an Origin that is neither served by an allowed host nor listed in gateway.allowedOrigins (HTTP 403).',
    fix: 'Add the exact origin (scheme://host:port) to gateway.allowedOrigins if that web page should call the gateway.',
  },
  REQUEST_BAD_JSON: {
    kind: 'failure',
    meaning: 'The request body is not JSON, or not a JSON object (HTTP 400).',
    fix: 'Send a JSON object with `Content-Type: application/json`, e.g. {"reason":"…"}.',
  },
  REQUEST_INVALID: {
    kind: 'failure',
    meaning:
      'A field or query parameter is missing or malformed (HTTP 400): a reason that is not a non-empty string, a time that is not ISO 8601, an unknown filter, a limit that is not a whole number.',
    fix: 'Correct the field the message names; DESIGN.md lists each route’s fields.',
  },
  REQUEST_TOO_LARGE: {
    kind: 'failure',
    meaning:
      'The admin API request body exceeds the limit (64 KiB; HTTP 413). MCP bodies are limited to 4 MiB.',
    fix: 'Send a smaller body; admin API bodies are a few fields.',
  },
  ROUTE_NOT_FOUND: {
    kind: 'failure',
    meaning: 'No route answers this method and path (HTTP 404).',
    fix: 'Check the path and method against docs/gateway.md.',
  },
  APPROVAL_NOT_FOUND: {
    kind: 'failure',
    meaning:
      'No pending approval has this id (HTTP 404). The gateway keeps no approval queue yet: actions that need approval are refused at once with their code.',
    fix: 'List pending approvals with GET /api/approvals?status=pending; an action refused for approval is retried after policy changes.',
  },
  MCP_SESSION_NOT_FOUND: {
    kind: 'failure',
    meaning:
      'The Mcp-Session-Id is unknown, closed, expired, or belongs to another agent (HTTP 404; the answer is the same in every case so sessions cannot be probed).',
    fix: 'Start a new session with an initialize request; MCP clients do this on their own after a 404.',
  },
  MCP_SESSION_REQUIRED: {
    kind: 'failure',
    meaning: 'A GET or DELETE on /mcp came without an Mcp-Session-Id header (HTTP 400).',
    fix: 'Initialize a session with a POST first and send its Mcp-Session-Id on later requests.',
  },
  MCP_SESSIONS_FULL: {
    kind: 'failure',
    meaning:
      'The gateway holds its maximum of open MCP sessions (HTTP 503); sessions idle for 30 minutes are closed to make room first.',
    fix: 'Close unused sessions (HTTP DELETE on /mcp) and retry; look for a client that opens a session per call.',
  },
  GATEWAY_LISTEN_FAILED: {
    kind: 'failure',
    meaning: '`warden up` could not listen on the host and port (in use, or not an address of this machine).',
    fix: 'Choose another port with --port (or gateway.port), or stop the process holding it.',
  },
  GATEWAY_OPTIONS_INVALID: {
    kind: 'failure',
    meaning:
      'A limit of the HTTP surface (body size, session count or idle time) is not a positive whole number.',
    fix: 'Pass positive integers to createHttpApp.',
  },
  GATEWAY_CREDENTIALS_INVALID: {
    kind: 'failure',
    meaning:
      '`.warden/gateway-credentials.json` (hashes of generated admin tokens and agent keys) cannot be read, parsed or written.',
    fix: 'Fix the file’s permissions, or move it aside to have `warden up` issue new credentials (the old ones stop working).',
  },
  AGENT_UNKNOWN: {
    kind: 'failure',
    meaning:
      '`warden stdio --agent ID` or `warden agents key ID` named an agent that is not in the configuration.',
    fix: 'Use an agent id listed under `agents:` in warden.yaml (or add the agent there first).',
  },
}
