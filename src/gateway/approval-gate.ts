import type { ApprovalService, GateResult } from '../approvals/approval-service.js'
import type { GateContext } from '../approvals/new-request.js'
import type { Action } from '../core/action.js'
import type { Evaluation } from '../core/pipeline.js'
import { withTimeout } from '../core/with-timeout.js'
import { errorBody } from '../errors/warden-error.js'
import { confirmPrompt } from './confirm-prompt.js'
import type { GatewayCallOptions } from './gateway-api.js'
import { refusal } from './refusal.js'
import type { ToolResult, ToolSource } from './tool-source.js'

/** What the approval stage needs beside the service: the clock, and what the approver is shown. */
export interface ApprovalGateInput {
  readonly approvals: ApprovalService
  readonly action: Action & { id: string }
  readonly evaluation: Evaluation
  readonly context: GateContext
  readonly options: GatewayCallOptions
  readonly now: () => number
}

/**
 * Stage 7: the approval bound to this exact action (agent, session, tool, arguments after rewrites). The
 * call returns promptly with the pending approval's id, and the agent's retry of the same action proceeds
 * exactly once after approval, or receives the approver's reason. Two ways the call itself may go on:
 * a `confirm` asked of the user by MCP elicitation (when the client supports it), and a call with a
 * progress token held open up to `approvals.holdMs` with progress notifications. A failing approval store
 * refuses (fail closed). Undefined: proceed.
 */
export async function gateApproval(input: ApprovalGateInput): Promise<ToolResult | undefined> {
  const { action, evaluation } = input
  try {
    let result = await gateOnce(input)
    if (!result.proceed && result.code === 'APPROVAL_PENDING') {
      if (evaluation.decision === 'confirm' && input.options.confirm !== undefined) {
        const asked = await askUser(input, result.approvalId)
        if (asked !== undefined) return asked
        result = await gateOnce(input)
      } else if (input.options.onProgress !== undefined && input.approvals.settings.holdMs > 0) {
        result = await hold(input, result)
      }
    }
    if (result.proceed) return undefined
    return refusal(action.id, evaluation.decision, result.code, result.reason, {
      approvalId: result.approvalId,
      risk: evaluation.risk,
      reasons: evaluation.reasons,
    })
  } catch (error) {
    const { code, message } = errorBody(error)
    return refusal(action.id, 'deny', code, `${message}; the action did not run (fail closed)`)
  }
}

function gateOnce(input: ApprovalGateInput): Promise<GateResult> {
  const { approvals, action, evaluation, context } = input
  return approvals.gate({ ...evaluation.action, id: action.id }, evaluation, context)
}

/**
 * Holds the call while its request is pending, up to `holdMs`, re-reading it every `holdPollMs` and sending a
 * progress notification each time (clients that honour them reset their request timeout). Bounded by the
 * deadline and the call's own cancellation; what it returns is an ordinary gate result.
 */
async function hold(input: ApprovalGateInput, first: GateResult): Promise<GateResult> {
  const { holdMs, holdPollMs } = input.approvals.settings
  const { signal, onProgress } = input.options
  const deadline = input.now() + holdMs
  let result = first
  for (let tick = 1; !result.proceed && result.code === 'APPROVAL_PENDING'; tick++) {
    onProgress?.({ progress: tick, message: `waiting for approval ${result.approvalId}` })
    const left = deadline - input.now()
    if (left <= 0 || signal.aborted) break
    await sleep(Math.min(holdPollMs, left), signal)
    if (signal.aborted) break
    result = await gateOnce(input)
  }
  return result
}

/**
 * Asks the requesting user through the transport (MCP elicitation). An explicit yes is recorded as their
 * vote and undefined is returned (the caller gates again, which uses the approval once). A no is recorded as
 * their denial; a dismissal, an error or no answer within `confirmTimeoutMs` refuses this call and leaves
 * the request pending (nobody decided; the retry asks again, or an operator may decide).
 */
async function askUser(input: ApprovalGateInput, approvalId: string): Promise<ToolResult | undefined> {
  const { approvals, action, evaluation, options } = input
  const confirm = options.confirm
  if (confirm === undefined) return undefined
  const asker = { agent: action.agent, session: action.session ?? '' }
  const timeoutMs = approvals.settings.confirmTimeoutMs
  const prompt = confirmPrompt(approvalId, evaluation)
  let answer: 'accept' | 'decline' | 'cancel' | 'failed'
  let failure = ''
  try {
    // The refusal says "asking the user to confirm failed (no answer within N ms)".
    answer = await withTimeout(
      confirm(prompt, { signal: options.signal, timeoutMs }),
      timeoutMs,
      'APPROVAL_CONFIRM_FAILED',
    )
  } catch (error) {
    answer = 'failed'
    failure = errorBody(error).message
  }
  const refuse = (code: string, reason: string) =>
    refusal(action.id, 'confirm', code, reason, {
      approvalId,
      risk: evaluation.risk,
      reasons: evaluation.reasons,
    })
  if (answer === 'accept') {
    await approvals.confirmBySession(approvalId, asker, 'approve', 'confirmed by the user (MCP elicitation)')
    return undefined
  }
  if (answer === 'decline') {
    await approvals.confirmBySession(approvalId, asker, 'deny', 'declined by the user (MCP elicitation)')
    return refuse('APPROVAL_DECLINED', 'the user declined to confirm this action; it did not run')
  }
  if (answer === 'cancel') {
    return refuse('APPROVAL_DECLINED', 'the user dismissed the confirmation; the action did not run')
  }
  return refuse(
    'APPROVAL_CONFIRM_FAILED',
    `asking the user to confirm failed (${failure}); the action did not run (fail closed)`,
  )
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done, { once: true })
  })
}

/**
 * What the action would do, for the approver: the governed tools' dry-run (a diff, the rows a write touches,
 * the ledger change, the request that would be sent). Review decisions proceed anyway and upstream tools have
 * no dry-run, so neither gets one; a dry-run that fails is reported as such, never as an effect.
 */
export async function dryRunFor(
  route: (tool: string) => ToolSource | undefined,
  action: Action & { id: string },
  evaluation: Evaluation,
  options: GatewayCallOptions,
): Promise<unknown> {
  const tool = evaluation.action.tool
  const source = route(tool)
  if (evaluation.decision === 'review' || source === undefined || source.name !== 'governed') return undefined
  try {
    const result = await source.call(tool, evaluation.action.args, {
      signal: options.signal,
      dryRun: true,
      actionId: action.id,
      agentId: action.agent,
    })
    const first = result.content?.[0]
    return result.structuredContent ?? (first !== undefined && first.type === 'text' ? first.text : undefined)
  } catch (error) {
    return { dryRunFailed: errorBody(error).message }
  }
}
