import type { Decision } from '../core/action.js'
import type { ToolResult } from './tool-source.js'

/**
 * A refusal as an MCP tool error: the text starts with the code so a model (and a person) reads why, and
 * `structuredContent` carries the same facts for programs. It names only the tool the agent asked for, so it
 * reveals nothing about tools the agent may not see.
 */
export function refusal(
  actionId: string,
  decision: Decision,
  code: string,
  reason: string,
  extra: Record<string, unknown> = {},
): ToolResult {
  return {
    isError: true,
    content: [{ type: 'text', text: `${code}: ${reason}` }],
    structuredContent: { decision, code, reason, actionId, ...extra },
  }
}
