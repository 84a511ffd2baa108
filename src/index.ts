/**
 * Warden's library entry point (`import { Gateway } from 'warden'`): the pieces a TypeScript agent or service
 * embeds without the CLI. Each is documented where it is defined; docs/pipeline.md shows how they fit.
 *
 * @example
 * import { Gateway, loadConfigFile } from 'warden'
 * const gateway = await Gateway.open({ loaded: loadConfigFile('warden.yaml'), cwd: process.cwd(), env: process.env })
 * const result = await gateway.callTool(
 *   { agentId: 'reporter', sessionId: 's1', tool: 'files.read', args: { path: '/data/public/a.txt' } },
 *   { signal: AbortSignal.timeout(30_000) },
 * )
 */

export { ApprovalService } from './approvals/approval-service.js'
// State: the tamper-evident audit log, stores, approvals and the kill switch.
export { AuditLog } from './audit/audit-log.js'
export { verifyLog } from './audit/verify.js'
export { openBus } from './bus/open-bus.js'
// Configuration (warden.yaml) and the decision engine on its own (no I/O but the stores its stages need).
export { type LoadedConfig, loadConfigFile, parseConfig } from './config/load.js'
export { type Action, DECISIONS, type Decision, RISKS, type Risk } from './core/action.js'
export { parseAction } from './core/parse-action.js'
export { runPipeline } from './core/pipeline.js'
export type { Stage, StageContext } from './core/stage.js'
export type { Verdict } from './core/verdict.js'
export { createEngine, type Engine } from './engine/engine.js'
// Errors carry a code from one catalog (docs/errors.md).
export { WardenError } from './errors/warden-error.js'
// The gateway: every call through the whole pipeline, governed tools and upstream MCP servers behind it.
export { Gateway } from './gateway/gateway.js'
export type { GatewayApi, GatewayCall, GatewayCallOptions, GatewayOptions } from './gateway/gateway-api.js'
export type { ToolDefinition, ToolResult } from './gateway/tool-source.js'
export { scoreInjection } from './guardrails/input/injection.js'
// The seed's guardrails, usable on any text or tool result.
export { InputGuardrails } from './guardrails/input/input-guardrails.js'
export { OutputGuardrails } from './guardrails/output/output-guardrails.js'
export { scanSensitive } from './guardrails/output/scan-sensitive.js'
export { AgentKillSwitch } from './killswitch/kill-switch.js'
export { openStore } from './store/open-store.js'
export type { Store } from './store/store.js'
