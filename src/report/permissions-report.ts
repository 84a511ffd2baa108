import type { AgentConfig } from '../config/schema.js'
import { upstreamResources } from '../policy/upstream-resources.js'
import { recordFact } from './action-facts.js'
import { broadReason, missingLimits } from './broad-grants.js'
import { type GrantMatcher, grantMatchers } from './grant-matchers.js'
import { type ReportHead, type ReportInputs, reportHead } from './report-inputs.js'
import { resourceUses } from './resource-uses.js'
import { Tally } from './tally.js'

/** One grant and how often allowed actions used it in the window. */
export interface GrantUsage {
  readonly grant: string
  readonly used: number
  /** Why the grant is broad, or null. */
  readonly broad: string | null
}

/** One configured agent under quarterly review. */
export interface PermissionsAgent {
  readonly agent: string
  readonly owner: string | null
  readonly keys: number
  readonly allowedActions: number
  /** Allowed actions no grant could be matched to (arguments kept only as digests, for instance). */
  readonly unattributed: number
  readonly grants: readonly GrantUsage[]
  /** Least-privilege candidates: grants no allowed action used in the window. */
  readonly unused: readonly string[]
}

/** An agent the audit log saw that the configuration does not define. */
export interface UnknownAgent {
  readonly agent: string
  readonly actions: number
  readonly allowed: number
}

/** A line an auditor acts on: a catalog code, the agent, the grant when there is one, and what to do. */
export interface Finding {
  readonly code: string
  readonly agent: string
  readonly grant: string | null
  readonly message: string
}

/** `warden report permissions`: the seed's "Quarterly: full security review of agent permissions". */
export interface PermissionsReport extends ReportHead<'permissions'> {
  readonly summary: {
    readonly agents: number
    readonly grants: number
    readonly unused: number
    readonly broad: number
    readonly unknownAgents: number
    readonly findings: number
  }
  readonly agents: readonly PermissionsAgent[]
  readonly unknownAgents: readonly UnknownAgent[]
  readonly findings: readonly Finding[]
}

/**
 * Builds the permission review: every configured agent's grants with their use in the window (attributed
 * with the policy's own matchers), unused and broad grants, agents without owner or keys, and agents the
 * log saw that the configuration lacks. Pure over its inputs; the SQL parser must be loaded for
 * database grants to be attributed (loadSqlParser).
 */
export async function buildPermissionsReport(inputs: ReportInputs): Promise<PermissionsReport> {
  const agents = inputs.config.agents
  const matchers = new Map<string, GrantMatcher[]>(
    Object.entries(agents).map(([id, agent]) => [id, grantMatchers(agent)]),
  )
  const resources = upstreamResources(inputs.config)
  const used = new Map<string, Tally>()
  const allowed = new Map<string, { allowed: number; unattributed: number }>()
  const unknown = new Map<string, { actions: number; allowed: number }>()
  let records = 0
  for await (const record of inputs.records) {
    records++
    const fact = recordFact(record)
    if (fact.kind !== 'action') continue
    const grants = matchers.get(fact.agent)
    if (grants === undefined) {
      // Operators' rollbacks (`operator:<name>`) are not actions here (recordFact: kind 'rollback'); any
      // other record under a name the configuration lacks is reported, whatever the name looks like.
      const u = unknown.get(fact.agent) ?? { actions: 0, allowed: 0 }
      u.actions++
      if (fact.allowed) u.allowed++
      unknown.set(fact.agent, u)
      continue
    }
    if (!fact.allowed) continue
    const counts = allowed.get(fact.agent) ?? { allowed: 0, unattributed: 0 }
    allowed.set(fact.agent, counts)
    counts.allowed++
    const uses = resourceUses(resources, fact.tool, fact.args)
    const hits = used.get(fact.agent) ?? new Tally()
    used.set(fact.agent, hits)
    let matched = false
    for (const grant of grants) {
      if (!uses.some((use) => grant.matches(use))) continue
      matched = true
      hits.add(grant.grant)
    }
    if (!matched) counts.unattributed++
  }
  const findings: Finding[] = []
  const reviewed = Object.keys(agents)
    .sort()
    .map((id) =>
      reviewAgent(
        id,
        agents[id] as AgentConfig,
        matchers.get(id) ?? [],
        used.get(id),
        allowed.get(id),
        findings,
      ),
    )
  const unknownAgents = [...unknown]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([agent, u]) => ({ agent, actions: u.actions, allowed: u.allowed }))
  for (const u of unknownAgents) {
    findings.push({
      code: 'REPORT_AGENT_UNKNOWN',
      agent: u.agent,
      grant: null,
      message: `${u.actions} action(s) by an agent the configuration does not define`,
    })
    if (u.allowed > 0) {
      findings.push({
        code: 'REPORT_AGENT_UNKNOWN_ALLOWED',
        agent: u.agent,
        grant: null,
        message: `${u.allowed} action(s) by an unconfigured agent were ALLOWED: the policy denies unknown agents, so another configuration or a forged record let them through`,
      })
    }
  }
  return {
    ...reportHead('permissions', inputs, records),
    summary: {
      agents: reviewed.length,
      grants: reviewed.reduce((n, a) => n + a.grants.length, 0),
      unused: reviewed.reduce((n, a) => n + a.unused.length, 0),
      broad: reviewed.reduce((n, a) => n + a.grants.filter((g) => g.broad !== null).length, 0),
      unknownAgents: unknownAgents.length,
      findings: findings.length,
    },
    agents: reviewed,
    unknownAgents,
    findings,
  }
}

function reviewAgent(
  id: string,
  agent: AgentConfig,
  matchers: readonly GrantMatcher[],
  hits: Tally | undefined,
  counts: { allowed: number; unattributed: number } | undefined,
  findings: Finding[],
): PermissionsAgent {
  const finding = (code: string, grant: string | null, message: string) =>
    findings.push({ code, agent: id, grant, message })
  if (agent.owner === undefined)
    finding('REPORT_AGENT_NO_OWNER', null, 'no owner: nobody is excluded from approving its requests')
  if (agent.keys.length === 0)
    finding('REPORT_AGENT_NO_KEYS', null, 'no keys configured: it cannot authenticate to the gateway')
  const grants = matchers.map((m) => ({
    grant: m.grant,
    used: hits?.get(m.grant) ?? 0,
    broad: broadReason(m),
  }))
  for (const g of grants) {
    if (g.broad !== null) finding('REPORT_GRANT_BROAD', g.grant, g.broad)
  }
  for (const limit of missingLimits(agent)) finding('REPORT_GRANT_BROAD', limit.grant, limit.message)
  const unused = grants.filter((g) => g.used === 0).map((g) => g.grant)
  for (const grant of unused)
    finding('REPORT_GRANT_UNUSED', grant, 'not used in the window: consider removing it')
  return {
    agent: id,
    owner: agent.owner ?? null,
    keys: agent.keys.length,
    allowedActions: counts?.allowed ?? 0,
    unattributed: counts?.unattributed ?? 0,
    grants,
    unused,
  }
}
