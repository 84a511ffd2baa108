import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js'
import type { ToolResult } from '../tool-source.js'

export type UpstreamFailureCode =
  | 'UPSTREAM_UNAVAILABLE'
  | 'UPSTREAM_TIMEOUT'
  | 'UPSTREAM_CANCELLED'
  | 'UPSTREAM_ERROR'
  | 'UPSTREAM_TOOL_UNKNOWN'

/**
 * A failed upstream call as an MCP tool error: the text starts with the code (`UPSTREAM_TIMEOUT: ...`) so
 * agents, the gateway and the audit can tell a dead server from a tool that answered "no".
 */
export function failureResult(code: UpstreamFailureCode, message: string): ToolResult {
  return { isError: true, content: [{ type: 'text', text: `${code}: ${message}` }] }
}

/** The failure code of a result made by failureResult, else undefined (the tool's own result). */
export function failureCodeOf(result: ToolResult): UpstreamFailureCode | undefined {
  if (result.isError !== true) return undefined
  const first = result.content[0]
  const match = first?.type === 'text' ? /^(UPSTREAM_[A-Z_]+): /.exec(first.text) : null
  return (match?.[1] as UpstreamFailureCode | undefined) ?? undefined
}

/**
 * What a thrown call error means. `lost`: the connection is gone or unusable (restart it); `timeout`: no
 * answer in time (check whether the server still answers pings).
 */
export function classifyCallError(
  error: unknown,
  aborted: boolean,
): { code: UpstreamFailureCode; message: string; lost: boolean; timeout: boolean } {
  const message = error instanceof Error ? error.message : String(error)
  if (aborted)
    return { code: 'UPSTREAM_CANCELLED', message: 'cancelled by the caller', lost: false, timeout: false }
  if (error instanceof McpError) {
    if (error.code === ErrorCode.RequestTimeout)
      return { code: 'UPSTREAM_TIMEOUT', message, lost: false, timeout: true }
    if (error.code === ErrorCode.ConnectionClosed)
      return { code: 'UPSTREAM_UNAVAILABLE', message, lost: true, timeout: false }
    return { code: 'UPSTREAM_ERROR', message, lost: false, timeout: false }
  }
  // Anything else (fetch failed, pipe closed, HTTP 404 for a lost session) leaves the connection unusable.
  return { code: 'UPSTREAM_UNAVAILABLE', message, lost: true, timeout: false }
}
