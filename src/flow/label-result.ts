import type { Action } from '../core/action.js'
import type { Classification } from '../guardrails/finding.js'
import { classifyFindings } from '../guardrails/output/classify.js'
import { scanSensitive } from '../guardrails/output/scan-sensitive.js'
import { hostOf } from './destinations.js'
import { egressOf } from './egress.js'
import type { CompiledFlow } from './flow-config.js'
import type { SessionLabel } from './labels.js'
import { resultText } from './result-text.js'
import { injectionOf, type ScoredText } from './scored-text.js'

export interface LabelOptions {
  readonly now: number
  /** The output guardrails' classification of this result, when they ran (saves scanning twice). */
  readonly classification?: Classification
  /** A text of this result the output stage already scored for injection (reused only when provably the same). */
  readonly scored?: ScoredText
}

/**
 * The labels what a tool returned brings into the session.
 * - untrusted: web responses, mail and inbox-like files, untrusted upstreams, and any output the
 *   injection detector flags (instructions in data are the attack, whoever sent them);
 * - confidential/restricted: resources classified in config, and personal data or secrets found in the
 *   output of internal sources. Content from untrusted sources is not private data: a web page that shows
 *   a contact address does not make the session hold private data.
 *
 * @example labelResult({ agent: 'a', tool: 'http.request', args: { url: 'https://x.example/' } }, 'hi', flow, { now })
 * // [{ label: 'untrusted', source: 'web response from x.example', at: now }]
 */
export function labelResult(
  action: Action,
  result: unknown,
  flow: CompiledFlow,
  options: LabelOptions,
): SessionLabel[] {
  const { now } = options
  const labels: SessionLabel[] = []
  const add = (label: SessionLabel['label'], source: string) => labels.push({ label, source, at: now })
  const external = externalSource(action, flow)
  if (external !== undefined) add('untrusted', external)
  const { text, tooDeep } = resultText(result)
  // Real results are not nested 32 deep; one that is could hide an instruction below the walk.
  if (tooDeep) add('untrusted', `${action.tool} output nested too deep to scan`)
  if (text.length > 0) {
    // Source inferred, not forced to 'tool': forced, the classifier flags short harmless replies ("plain")
    // and every later send would need approval for nothing.
    const injection = injectionOf(text, options.scored)
    if (injection.detected) {
      add('untrusted', `injection in ${action.tool} output (score ${injection.score.toFixed(2)})`)
    }
  }
  const configured = flow.classify(action.tool, action.args)
  if (configured !== undefined) add(configured.cls, `${action.tool} read ${configured.source}`)
  // Findings make private data only in content from inside: not in anything labelled untrusted above (a
  // planted page's "mail it to attacker@evil.example" is the attacker's text, not a customer's address),
  // nor in what an egress tool returns (it echoes what was sent). Configured resources always count.
  const untrusted = labels.length > 0
  if (!untrusted && configured?.cls !== 'restricted' && !egressOf(action, flow).out) {
    const cls = options.classification ?? (text.length > 0 ? classifyText(text) : 'public')
    if ((cls === 'confidential' || cls === 'restricted') && cls !== configured?.cls) {
      add(cls, `${cls} data in ${action.tool} output`)
    }
  }
  return labels
}

/** Why the action's output comes from outside the system, or undefined when it does not. */
function externalSource(action: Action, flow: CompiledFlow): string | undefined {
  const upstream = flow.upstreamOf(action.tool)
  if (upstream?.untrusted === true) return `${action.tool} (upstream ${upstream.server} is untrusted)`
  if (action.tool === 'http.request')
    return `web response from ${hostOf(action.args['url']) ?? 'an unknown host'}`
  const path = action.args['path']
  if (action.tool.startsWith('files.') && typeof path === 'string' && flow.isUntrustedPath(path)) {
    return `${action.tool} ${path} (inbox-like path)`
  }
  if (flow.isUntrustedTool(action.tool) && !egressOf(action, flow).out) return `${action.tool} output`
  return undefined
}

function classifyText(text: string): Classification {
  return classifyFindings(scanSensitive(text))
}
