import { type Action, type Decision, mostRestrictive } from '../core/action.js'
import { ALLOW, deny, requireControl, type Verdict } from '../core/verdict.js'
import { mailDomain } from './destinations.js'
import { egressOf } from './egress.js'
import type { CompiledFlow, PrivateClass } from './flow-config.js'
import type { SessionLabel } from './labels.js'

/**
 * The information-flow rules over a session's labels, for an action about to run:
 * - untrusted content + private data + a way out (the lethal trifecta) → `flow.trifecta` (deny);
 * - private data to a destination not allowed for its class → deny FLOW_CONFIDENTIAL_EGRESS;
 * - untrusted content + a way out → `flow.untrustedEgress` (approve) FLOW_UNTRUSTED_EGRESS.
 * The most restrictive rule that fires wins; the verdict names the labels, their sources and every rule.
 *
 * @example checkFlow([{ label: 'untrusted', source: 'web response from x.example', at: 0 }], send, flow).kind // 'approve'
 */
export function checkFlow(labels: readonly SessionLabel[], action: Action, flow: CompiledFlow): Verdict {
  if (!flow.enabled || labels.length === 0) return ALLOW
  const egress = egressOf(action, flow)
  if (!egress.out) return ALLOW
  const untrusted = labels.filter((l) => l.label === 'untrusted')
  const held = labels.filter((l) => l.label !== 'untrusted')
  const cls: PrivateClass | undefined = held.some((l) => l.label === 'restricted')
    ? 'restricted'
    : held.length > 0
      ? 'confidential'
      : undefined
  const to = egress.destinations.length > 0 ? ` to ${egress.destinations.join(', ')}` : ''
  const fired: Array<{ code: string; decision: Decision; reason: string }> = []

  if (untrusted.length > 0 && cls !== undefined) {
    fired.push({
      code: 'FLOW_TRIFECTA',
      decision: flow.trifecta,
      reason: `lethal trifecta: the session read untrusted content (${sources(untrusted)}) and ${cls} data (${sources(held)}), and ${egress.what} sends data out${to}`,
    })
  }
  if (cls !== undefined) {
    const allowed = flow.destinationsFor(cls)
    const names = egress.destinations.length > 0 ? egress.destinations : [action.tool]
    const refused = names.filter((d) => !allowed.some((p) => destinationMatches(p, d)))
    if (refused.length > 0) {
      fired.push({
        code: 'FLOW_CONFIDENTIAL_EGRESS',
        decision: 'deny',
        reason: `the session holds ${cls} data (${sources(held)}); ${refused.join(', ')} is not an allowed destination for it`,
      })
    }
  }
  if (untrusted.length > 0) {
    fired.push({
      code: 'FLOW_UNTRUSTED_EGRESS',
      decision: flow.untrustedEgress,
      reason: `the session read untrusted content (${sources(untrusted)}) and ${egress.what} sends data out${to}`,
    })
  }
  const active = fired.filter((f) => f.decision !== 'allow')
  if (active.length === 0) return ALLOW
  let top = active[0] as (typeof active)[number]
  for (const f of active) if (mostRestrictive(top.decision, f.decision) !== top.decision) top = f
  const detail = {
    labels: labels.map((l) => ({ label: l.label, source: l.source })),
    rules: fired.map((f) => f.code),
  }
  const decision = top.decision as Exclude<Decision, 'allow'>
  return decision === 'deny'
    ? deny(top.code, top.reason, detail)
    : requireControl(decision, top.code, `${top.reason}: ${decision} required`, detail)
}

function sources(labels: readonly SessionLabel[]): string {
  const list = labels.slice(0, 3).map((l) => l.source)
  return labels.length > 3 ? `${list.join('; ')}; and ${labels.length - 3} more` : list.join('; ')
}

/**
 * Whether a destination pattern admits `d`: a host (`api.corp.example`, `*.corp.example`), a mail
 * domain (`corp.example`, `*.corp.example`) or address, or a tool name for destination-less egress.
 */
export function destinationMatches(pattern: string, d: string): boolean {
  const p = pattern.toLowerCase()
  const target = d.toLowerCase()
  if (p === target) return true
  const host = target.includes('@') && !target.includes('/') ? mailDomain(target) : target
  if (p === host) return true
  return p.startsWith('*.') && host.endsWith(p.slice(1))
}
