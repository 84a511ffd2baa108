import { randomUUID } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ApprovalService } from '../../src/approvals/approval-service.js'
import { MemoryApprovalStore } from '../../src/approvals/approval-store.js'
import { approvalsConfig } from '../../src/approvals/config-schema.js'
import { AuditLog } from '../../src/audit/audit-log.js'
import { MemoryBus, memoryHub } from '../../src/bus/memory/memory-bus.js'
import { type LoadedConfig, parseConfig } from '../../src/config/load.js'
import { agentKeyLookup, hashKey } from '../../src/gateway/agent-keys.js'
import type { GatewayApi, GatewayCall, GatewayCallOptions } from '../../src/gateway/gateway-api.js'
import { refusal } from '../../src/gateway/refusal.js'
import { ToolNameMap } from '../../src/gateway/tool-names.js'
import type { ToolDefinition, ToolResult } from '../../src/gateway/tool-source.js'
import type { IncidentStore } from '../../src/killswitch/incident-store.js'
import { AgentKillSwitch } from '../../src/killswitch/kill-switch.js'
import { memoryStore } from '../../src/store/memory/memory-store.js'
import type { Store } from '../../src/store/store.js'

/** Agent keys of the fake's two agents. */
export const KEYS = Object.freeze({ reporter: 'wdn_agent_reporter-test-key', ops: 'wdn_agent_ops-test-key' })

const CONFIG = `
agents:
  reporter:
    description: reads public data
    keys: ['${hashKey(KEYS.reporter)}']
    permissions:
      files: { read: ['/data/public/**'] }
      tools: { allow: ['github/search_issues', 'slow.task'] }
  ops:
    keys: ['${hashKey(KEYS.ops)}']
    permissions:
      tools: { allow: ['email.send'] }
`

const schema = { type: 'object' as const, properties: {} }
const TOOLS: readonly ToolDefinition[] = [
  { name: 'files.read', description: 'read a file', inputSchema: schema },
  { name: 'email.send', description: 'send an email', inputSchema: schema },
  { name: 'github/search_issues', description: 'search issues', inputSchema: schema },
  { name: 'slow.task', description: 'reports progress, honours cancellation', inputSchema: schema },
]
const VISIBLE: Readonly<Record<string, readonly string[]>> = {
  reporter: ['files.read', 'github/search_issues', 'slow.task'],
  ops: ['email.send'],
}

/**
 * A GatewayApi over a trivial tool list, with the real kill switch, audit log and incident sink: what the
 * transports need, without the engine. Calls are recorded in the audit log as one decision record each.
 */
export class FakeGateway implements GatewayApi {
  readonly calls: GatewayCall[] = []
  readonly #listeners = new Set<() => void>()
  readonly authenticateAgent: (key: string) => string | undefined
  readonly approvals = new ApprovalService({ store: new MemoryApprovalStore(), config: approvalsConfig() })

  private constructor(
    readonly config: LoadedConfig,
    readonly killSwitch: AgentKillSwitch,
    readonly incidents: IncidentStore,
    readonly audit: AuditLog,
    readonly store: Store,
  ) {
    this.authenticateAgent = agentKeyLookup(config.config)
  }

  static async open(): Promise<FakeGateway> {
    const dir = mkdtempSync(join(tmpdir(), 'warden-fake-gw-'))
    const store = memoryStore()
    const incidents = store.incidents
    const killSwitch = await AgentKillSwitch.open({
      bus: new MemoryBus(memoryHub(randomUUID())),
      repository: store.killSwitch,
      incidents,
    })
    const audit = await AuditLog.open(store, { keyDir: join(dir, 'keys') })
    return new FakeGateway(parseConfig(CONFIG, 'fake.yaml'), killSwitch, incidents, audit, store)
  }

  listTools(agentId: string): readonly ToolDefinition[] {
    if (this.killSwitch.status(agentId).state === 'terminated') return []
    const visible = VISIBLE[agentId] ?? []
    return TOOLS.filter((t) => visible.includes(t.name))
  }

  canonicalName(agentId: string, wireName: string): string {
    return ToolNameMap.build(this.listTools(agentId).map((t) => t.name)).toCanonical(wireName) ?? wireName
  }

  async callTool(call: GatewayCall, options: GatewayCallOptions): Promise<ToolResult> {
    this.calls.push(call)
    const id = randomUUID()
    const admission = this.killSwitch.admit(call.agentId)
    if (!admission.ok) return this.#record(call, id, refusal(id, 'deny', admission.code, admission.reason))
    if (!(VISIBLE[call.agentId] ?? []).includes(call.tool)) {
      return this.#record(call, id, refusal(id, 'deny', 'TOOL_NOT_ALLOWED', `${call.tool} is not allowed`))
    }
    if (call.tool === 'files.read' && !String(call.args['path']).startsWith('/data/public/')) {
      return this.#record(
        call,
        id,
        refusal(id, 'deny', 'FILES_PATH_DENIED', `${String(call.args['path'])} is outside files.read`),
      )
    }
    if (call.tool === 'slow.task') return this.#slow(options)
    return this.#record(call, id, {
      content: [{ type: 'text', text: `${call.tool} ok ${JSON.stringify(call.args)}` }],
    })
  }

  async #slow(options: GatewayCallOptions): Promise<ToolResult> {
    for (let i = 1; i <= 3; i++) {
      options.onProgress?.({ progress: i, total: 3, message: `step ${i}` })
      await new Promise((r) => setTimeout(r, 20))
    }
    // Waits until cancelled: the test checks that cancellation reaches the tool.
    await new Promise<void>((resolve) => {
      if (options.signal.aborted) resolve()
      options.signal.addEventListener('abort', () => resolve(), { once: true })
    })
    this.slowCancelled = true
    return { content: [{ type: 'text', text: 'cancelled' }], isError: true }
  }

  slowCancelled = false

  async #record(call: GatewayCall, actionId: string, result: ToolResult): Promise<ToolResult> {
    const s = result.structuredContent
    await this.audit.append({
      phase: 'decision',
      actionId,
      agentId: call.agentId,
      sessionId: call.sessionId,
      action: call.tool,
      inputs: { ...call.args },
      permissions: [],
      guardrailsApplied: [],
      decision: typeof s?.['decision'] === 'string' ? s['decision'] : 'allow',
      risk: 'low',
      reasons: [],
      trace: [],
    })
    return result
  }

  upstreamHealth(): { name: string; state: 'connecting' | 'up' | 'down' | 'closed'; restarts: number }[] {
    return []
  }

  onToolsChanged(listener: () => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  toolsChanged(): void {
    for (const l of this.#listeners) l()
  }

  async close(): Promise<void> {
    await this.killSwitch.close()
    await this.audit.close()
    await this.store.close()
  }
}
