import type { Action, Risk } from '../core/action.js'
import type { StageContext } from '../core/stage.js'
import { CLASSIFICATIONS, type Classification } from '../guardrails/finding.js'

/** The variables an escalation condition may use, with their CEL types (checked when the config loads). */
export const ESCALATION_VARIABLES = Object.freeze({
  transaction: { amount: 'double', currency: 'string' },
  data: { classification: 'string' },
  action: { tool: 'string', reversible: 'bool', risk: 'string', dryRun: 'bool' },
  agent: { id: 'string', confidence: 'double' },
  guardrails: { anomalyDetected: 'bool', injectionDetected: 'bool' },
} as const)

// Tools whose effect cannot be taken back by Warden (sent mail, moved money, an outside request that
// changed something). Governed file and SQL writes keep snapshots and before-images, so they can.
const IRREVERSIBLE = new Set(['email.send', 'payments.transfer'])

/**
 * The values of the escalation variables for one action. What the agent states (`context`) is used only
 * where nothing better is known, and never to lower what the gateway knows: a transfer's amount comes from
 * its arguments, the classification is the most sensitive of the stated and the detected one.
 */
export function escalationContext(action: Action, ctx: StageContext): Record<string, unknown> {
  const context = action.context ?? {}
  const risk: Risk = ctx.risk ?? 'low'
  return {
    transaction: transactionOf(action, context),
    data: { classification: classificationOf(context, ctx.facts) },
    action: {
      tool: action.tool,
      reversible: reversible(action, risk),
      risk,
      dryRun: context['dryRun'] === true,
    },
    agent: { id: action.agent, confidence: confidenceOf(context) },
    guardrails: {
      anomalyDetected: ctx.facts['guardrails.anomalyDetected'] === true,
      injectionDetected: ctx.facts['guardrails.injectionDetected'] === true,
    },
  }
}

function transactionOf(action: Action, context: Readonly<Record<string, unknown>>) {
  const stated = context['transaction'] as { amount?: unknown; currency?: unknown } | undefined
  const args = action.tool === 'payments.transfer' ? action.args : undefined
  const amounts = [args?.['amount'], stated?.amount].filter(
    (n): n is number => typeof n === 'number' && Number.isFinite(n),
  )
  const currency = args?.['currency'] ?? stated?.currency
  return {
    amount: amounts.length === 0 ? 0 : Math.max(...amounts.map(Math.abs)),
    currency: typeof currency === 'string' ? currency : '',
  }
}

function classificationOf(
  context: Readonly<Record<string, unknown>>,
  facts: Readonly<Record<string, unknown>>,
): Classification {
  const stated = (context['data'] as { classification?: unknown } | undefined)?.classification
  const found = facts['data.classification']
  let worst: Classification = 'public'
  for (const c of [stated, found]) {
    if (isClassification(c) && CLASSIFICATIONS.indexOf(c) > CLASSIFICATIONS.indexOf(worst)) worst = c
  }
  return worst
}

function isClassification(value: unknown): value is Classification {
  return typeof value === 'string' && (CLASSIFICATIONS as readonly string[]).includes(value)
}

function reversible(action: Action, risk: Risk): boolean {
  if (IRREVERSIBLE.has(action.tool)) return false
  if (action.tool === 'http.request') {
    const method = String(action.args['method'] ?? 'GET').toUpperCase()
    return method === 'GET' || method === 'HEAD' || method === 'OPTIONS'
  }
  if (action.tool.startsWith('files.') || action.tool === 'db.query') return true
  // An upstream tool: only reads are known to be undoable.
  return risk === 'low'
}

function confidenceOf(context: Readonly<Record<string, unknown>>): number {
  const c = context['confidence']
  return typeof c === 'number' && Number.isFinite(c) ? Math.min(1, Math.max(0, c)) : 1
}
