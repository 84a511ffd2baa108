import type { ConfigPath } from '../config/locate.js'
import type { AgentConfig, WardenConfig } from '../config/schema.js'
import { createApiRateLimiter } from './apis/api-rate.js'
import { type ApisPolicy, compileApisPolicy } from './apis/apis-policy.js'
import type { SlidingWindowLimiter } from './apis/sliding-window.js'
import { compileDatabasePolicy, type DatabasePolicy } from './database/database-policy.js'
import { compileFilesPolicy, type FilesPolicy } from './files/files-policy.js'
import { compileToolsPolicy, type ToolsPolicy } from './tools/tools-policy.js'
import { type ResourceMapping, upstreamResources } from './upstream-resources.js'

/** One agent's capability boundaries, compiled once when the configuration loads. */
export interface AgentPolicy {
  readonly id: string
  readonly files?: FilesPolicy
  readonly database?: DatabasePolicy
  readonly apis?: ApisPolicy
  readonly tools: ToolsPolicy
  /** The apis `rateLimit` window for this agent (per agent and its allowed-host set). */
  readonly apiLimiter?: SlidingWindowLimiter
}

export interface CompiledPolicy {
  readonly agents: ReadonlyMap<string, AgentPolicy>
  /** `<server>/<tool>` → the governed boundaries its arguments fall under. */
  readonly resources: ReadonlyMap<string, readonly ResourceMapping[]>
}

/**
 * Compiles every agent's permissions. Bad globs, hosts, operations or names throw ConfigPathError (the
 * loader adds file and line). Policy changes only by loading configuration: nothing here is mutable.
 */
export function compilePolicy(config: WardenConfig): CompiledPolicy {
  const agents = new Map<string, AgentPolicy>()
  for (const [id, agent] of Object.entries(config.agents)) {
    agents.set(id, compileAgent(id, agent, ['agents', id, 'permissions']))
  }
  return { agents, resources: upstreamResources(config) }
}

function compileAgent(id: string, agent: AgentConfig, at: ConfigPath): AgentPolicy {
  const p = agent.permissions
  const apis = p.apis === undefined ? undefined : compileApisPolicy(p.apis, [...at, 'apis'])
  const apiLimiter = apis === undefined ? undefined : createApiRateLimiter(apis)
  return {
    id,
    ...(p.files === undefined ? {} : { files: compileFilesPolicy(p.files, [...at, 'files']) }),
    ...(p.database === undefined ? {} : { database: compileDatabasePolicy(p.database, [...at, 'database']) }),
    ...(apis === undefined ? {} : { apis }),
    tools: compileToolsPolicy(p.tools, [...at, 'tools']),
    ...(apiLimiter === undefined ? {} : { apiLimiter }),
  }
}
