import type { Evaluation } from '../core/pipeline.js'
import type { ConfirmPrompt } from './gateway-api.js'
import { summarize } from './session-history.js'

/**
 * What the user is asked for a `confirm`: the tool, a short summary of the arguments, the risk and the
 * reasons, so the answer is given about this exact action. Arguments are summarised and capped (a huge
 * argument cannot flood the dialog); the full action stays in the approval record.
 *
 * @example
 * confirmPrompt('apr_1', evaluation).message
 * // 'Warden: allow files.write (medium risk)?\nArguments: path="/data/outputs/a.txt" content="hi"\n…'
 */
export function confirmPrompt(approvalId: string, evaluation: Evaluation): ConfirmPrompt {
  const { tool, args } = evaluation.action
  const reasons = evaluation.reasons
    .slice(0, 5)
    .map((r) => `- ${r.message.slice(0, 200)}`)
    .join('\n')
  return {
    approvalId,
    tool,
    message:
      `Warden: allow ${tool} (${evaluation.risk} risk)?\n` +
      `Arguments: ${summarize(args)}\n` +
      `Why confirmation is needed:\n${reasons === '' ? '- policy requires it' : reasons}\n` +
      `Approval ${approvalId}`,
  }
}
