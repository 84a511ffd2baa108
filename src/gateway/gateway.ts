import { ApprovalService } from '../approvals/approval-service.js'
import { approvalSettings } from '../approvals/from-config.js'
import { AuditLog } from '../audit/audit-log.js'
import { auditLogOptionsFor } from '../audit/commands/audit-context.js'
import { DEFAULTS } from '../config/defaults.js'
import { createEngine, type Engine } from '../engine/engine.js'
import { killSwitchGate } from '../killswitch/gate-stage.js'
import type { IncidentStore } from '../killswitch/incident-store.js'
import type { AgentKillSwitch } from '../killswitch/kill-switch.js'
import { killSwitchEnvOptions, openKillSwitch } from '../killswitch/open-local.js'
import type { AgentPolicy } from '../policy/agent-policy.js'
import { openStore } from '../store/open-store.js'
import type { Store } from '../store/store.js'
import { openGovernedTools } from '../tools/governed-tools.js'
import { agentKeyLookup } from './agent-keys.js'
import { approvalAuditEntry } from './approval-audit.js'
import type { GatewayApi, GatewayCall, GatewayCallOptions, GatewayOptions } from './gateway-api.js'
import { handleCall } from './handle-call.js'
import { createOutputFilter, type OutputFilter } from './output-filter.js'
import { pinsFileFor } from './pinning/pin-store.js'
import { watchPinFile } from './pinning/watch-pin-file.js'
import { isUpstreamTool, openPins, pinStage, type ToolPins } from './pins-stage.js'
import { SessionHistory } from './session-history.js'
import { ToolRouter } from './tool-router.js'
import type { ToolDefinition, ToolResult, ToolSource } from './tool-source.js'
import { policyMayUse } from './tool-visibility.js'
import type { UpstreamSource } from './upstreams/upstream-connection.js'
import { openUpstreams } from './upstreams/upstream-source.js'

/**
 * The running gateway: the decision engine with the kill switch in front, the audit log, and the tool
 * sources (Warden's governed tools and the configured upstream MCP servers) behind. Transports (MCP over
 * stdio or Streamable HTTP, the SDK) hand it authenticated calls.
 *
 * @example
 * const gateway = await Gateway.open({ loaded: loadConfigFile('warden.yaml'), cwd, env: process.env })
 * const result = await gateway.callTool({ agentId: 'reporter', sessionId: 's1', tool: 'files.read', args: { path: '/data/public/a.txt' } }, { signal })
 */
export class Gateway implements GatewayApi {
  /** Recent decisions per session, for approval requests (made on first use, sized by the approvals config). */
  #history: SessionHistory | undefined

  private constructor(
    readonly config: GatewayOptions['loaded'],
    readonly store: Store,
    readonly audit: AuditLog,
    readonly approvals: ApprovalService,
    readonly killSwitch: AgentKillSwitch,
    readonly incidents: IncidentStore,
    private readonly engine: Engine,
    private readonly router: ToolRouter,
    private readonly filterOutput: OutputFilter,
    readonly pins: ToolPins,
    readonly authenticateAgent: (key: string) => string | undefined,
    private readonly closers: ReadonlyArray<() => Promise<void>>,
    private readonly upstreams: readonly UpstreamSource[],
  ) {}

  static async open(options: GatewayOptions): Promise<Gateway> {
    const { loaded, cwd, env } = options
    const storeUrl = options.storeUrl ?? loaded.config.store ?? DEFAULTS.storeUrl
    const busUrl = options.busUrl ?? loaded.config.bus ?? DEFAULTS.busUrl
    const closers: Array<() => Promise<void>> = []
    const closeAll = async () => {
      for (const close of closers.reverse()) await close().catch(() => undefined)
    }
    try {
      const store = await openStore(storeUrl, { cwd, auditWriter: 'thread' })
      closers.push(() => store.close())
      const audit = await AuditLog.open(store, auditLogOptionsFor(loaded.config, store, cwd))
      closers.push(() => audit.close())
      const approvals = new ApprovalService({
        store: store.approvals,
        ...approvalSettings(loaded.config),
        audit: (event) => audit.append(approvalAuditEntry(event)).then(() => undefined),
      })
      // Kill-switch events and incidents live in the store; files of earlier versions are imported once.
      const ks = await openKillSwitch({
        store,
        busUrl,
        legacy: { storeUrl, cwd },
        extra: killSwitchEnvOptions(env),
      })
      closers.push(() => ks.close())
      const pins = await openPins(storeUrl, cwd)
      const engine = await createEngine(loaded, {
        gate: [killSwitchGate(ks.killSwitch)],
        afterPolicy: [pinStage(pins, (tool) => router.definition(tool))],
        toolHints: (tool) => router.definition(tool)?.annotations,
        incidents: ks.incidents,
      })
      closers.push(() => engine.close())
      const stopWatching = ks.killSwitch.onChange(({ event }) => {
        if (event.agentId === undefined) return
        // A resume is an operator's judgment that the agent may go on: forgive the probing that paused it.
        if (event.kind === 'resume') void engine.behavior.forgive(event.agentId).catch(() => undefined)
        // A terminated agent's pending and unused approvals must not outlive it.
        if (event.kind === 'terminate') void approvals.cancelFor(event.agentId).catch(() => undefined)
      })
      closers.push(async () => stopWatching())
      const governed = await openGovernedTools({
        governed: loaded.config.governed,
        cwd,
        policyOf: (agentId) => engine.policy.agents.get(agentId),
      })
      closers.push(() => governed.close())
      const upstreams = await openUpstreams(loaded.config.upstreams, { cwd, env })
      for (const u of upstreams) closers.push(() => u.close())
      const router: ToolRouter = new ToolRouter([governed as ToolSource, ...upstreams])
      // Only upstream tools are pinned: the governed tools' definitions ship with Warden itself.
      const upstreamTools = () => router.definitions().filter((d) => isUpstreamTool(d.name))
      await pins.observe(upstreamTools())
      // `warden tools accept` (another process) rewrites the pin file: show the newly accepted tools now.
      const stopWatchingPins = watchPinFile(pinsFileFor(storeUrl, cwd), pins, () => router.changed())
      closers.push(async () => stopWatchingPins())
      for (const u of upstreams) {
        u.onToolsChanged(() => {
          router.changed()
          void pins.observe(upstreamTools()).then(() => router.changed())
        })
      }
      return new Gateway(
        loaded,
        store,
        audit,
        approvals,
        ks.killSwitch,
        ks.incidents,
        engine,
        router,
        createOutputFilter(),
        pins,
        agentKeyLookup(loaded.config, options.agentKeyHashes),
        closers,
        upstreams,
      )
    } catch (error) {
      await closeAll()
      throw error
    }
  }

  listTools(agentId: string): readonly ToolDefinition[] {
    if (this.killSwitch.status(agentId).state === 'terminated') return []
    const policy = this.engine.policy.agents.get(agentId)
    return this.router.definitions().filter((d) => this.#listable(policy, d))
  }

  // Per call, so it looks up the one tool named instead of building the agent's whole list (listTools).
  canonicalName(agentId: string, wireName: string): string {
    const name = this.router.fromWire(wireName)
    const definition = name === undefined ? undefined : this.router.definition(name)
    if (name === undefined || definition === undefined) return wireName
    if (this.killSwitch.status(agentId).state === 'terminated') return wireName
    return this.#listable(this.engine.policy.agents.get(agentId), definition) ? name : wireName
  }

  #listable(policy: AgentPolicy | undefined, d: ToolDefinition): boolean {
    return policyMayUse(policy, d.name) && (!isUpstreamTool(d.name) || this.pins.visible(d))
  }

  callTool(call: GatewayCall, options: GatewayCallOptions): Promise<ToolResult> {
    return handleCall(
      {
        engine: this.engine,
        audit: this.audit,
        killSwitch: this.killSwitch,
        route: (t) => this.router.route(t),
        filterOutput: this.filterOutput,
        approvals: this.approvals,
        history: this.#sessionHistory(),
        knownTool: (name) => this.router.canonical(name),
        afterDecision: (action, decision) => this.engine.behavior.recordDecision(action, decision),
        afterOutcome: (action, result, facts, scored) =>
          this.engine.behavior.recordResult(action, result, {
            ...(facts === undefined ? {} : { classification: facts.classification }),
            ...(scored === undefined ? {} : { scored }),
          }),
        now: Date.now,
      },
      call,
      options,
    )
  }

  #sessionHistory(): SessionHistory {
    if (this.#history === undefined)
      this.#history = new SessionHistory(this.approvals.settings.historyEntries)
    return this.#history
  }

  upstreamHealth(): { name: string; state: 'connecting' | 'up' | 'down' | 'closed'; restarts: number }[] {
    return this.upstreams.map((u) => {
      const { state, restarts } = u.status()
      return { name: u.name, state, restarts }
    })
  }

  onToolsChanged(listener: () => void): () => void {
    return this.router.onChanged(listener)
  }

  async close(): Promise<void> {
    for (const close of [...this.closers].reverse()) await close().catch(() => undefined)
  }
}
