import { approvalsCodes } from './codes/approvals.js'
import { auditCodes } from './codes/audit.js'
import { behaviorCodes } from './codes/behavior.js'
import { busCodes } from './codes/bus.js'
import { configCodes } from './codes/config.js'
import { coreCodes } from './codes/core.js'
import { escalationCodes } from './codes/escalation.js'
import { gatewayCodes } from './codes/gateway.js'
import { gatewayCoreCodes } from './codes/gateway-core.js'
import { inputCodes } from './codes/input.js'
import { killswitchCodes } from './codes/killswitch.js'
import { outputCodes } from './codes/output.js'
import { policyCodes } from './codes/policy.js'
import { reportCodes } from './codes/report.js'
import { riskCodes } from './codes/risk.js'
import { storeCodes } from './codes/store.js'
import { toolsExecCodes } from './codes/tools-exec.js'
import { upstreamCodes } from './codes/upstream.js'
import type { CatalogArea, CatalogEntry } from './entry.js'

/**
 * Every code Warden emits, in one catalog (the Fastify way): `docs/errors.md` is generated from it by
 * `npm run docs:errors`, and a test fails when a code used in src/ is missing here or the doc is stale.
 * Each area keeps its codes in its own file under codes/ and is listed here once.
 */
export const CATALOG_AREAS: Readonly<Record<string, CatalogArea>> = Object.freeze({
  core: coreCodes,
  audit: auditCodes,
  store: storeCodes,
  config: configCodes,
  policy: policyCodes,
  input: inputCodes,
  bus: busCodes,
  killswitch: killswitchCodes,
  gateway: gatewayCodes,
  output: outputCodes,
  risk: riskCodes,
  escalation: escalationCodes,
  gatewayCore: gatewayCoreCodes,
  toolsExec: toolsExecCodes,
  upstream: upstreamCodes,
  behavior: behaviorCodes,
  approvals: approvalsCodes,
  report: reportCodes,
})

export const CATALOG: Readonly<Record<string, CatalogEntry>> = Object.freeze(
  Object.assign({}, ...Object.values(CATALOG_AREAS)),
)

export function isKnownCode(code: string): boolean {
  return Object.hasOwn(CATALOG, code)
}
