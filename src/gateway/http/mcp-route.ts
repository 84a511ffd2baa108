import { Hono } from 'hono'
import { bearerToken } from '../auth/bearer.js'
import type { GatewayApi } from '../gateway-api.js'
import type { McpHttpSessions } from '../mcp/http-sessions.js'
import { jsonError } from './http-error.js'

/**
 * `/mcp`: MCP over Streamable HTTP. The agent is the one its bearer key belongs to (keys are compared as
 * SHA-256 hashes); nothing the client says about itself counts. A terminated agent's key is refused from
 * then on (401 AGENT_TERMINATED); a paused agent still connects and gets coded refusals per call.
 */
export function mcpRoute(gateway: GatewayApi, sessions: McpHttpSessions): Hono {
  const app = new Hono()
  app.all('/mcp', async (c) => {
    const key = bearerToken(c.req.header('authorization'))
    const agentId = key === undefined ? undefined : gateway.authenticateAgent(key)
    if (agentId === undefined) {
      c.header('WWW-Authenticate', 'Bearer realm="warden-mcp"')
      return jsonError(c, 401, 'UNAUTHENTICATED', 'a valid agent bearer key is required')
    }
    if (gateway.killSwitch.status(agentId).state === 'terminated') {
      c.header('WWW-Authenticate', 'Bearer realm="warden-mcp", error="invalid_token"')
      return jsonError(c, 401, 'AGENT_TERMINATED', 'this agent is terminated; its keys are revoked')
    }
    return sessions.handle(c.req.raw, agentId)
  })
  return app
}
